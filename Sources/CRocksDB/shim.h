// RocksDB's C API, imported into Swift as `CRocksDB`. Only SluiceState imports this module.
// Every function SluiceState uses is directly callable from Swift, so no inline wrappers are needed.
#include <rocksdb/c.h>
