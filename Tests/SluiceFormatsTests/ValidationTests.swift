import SluiceCore
import SluiceFormats
import Testing

/// The messages ksqlDB's conformance cases expect when a format cannot carry a schema.
@Suite struct ValidationTests {
    @Test func supportedSchemasPass() {
        #expect(Serdes.validate(.json, columns: bidColumns, isKey: false) == nil)
        #expect(Serdes.validate(.kafka, columns: [Column("K", .string, kind: .key)], isKey: true) == nil)
        #expect(Serdes.validate(.delimited, columns: [Column("K1", .string, kind: .key), Column("K2", .string, kind: .key)], isKey: true) == nil)
        #expect(Serdes.validate(.none, columns: [], isKey: true) == nil)
        #expect(Serdes.validate(.kafka, columns: [], isKey: true) == nil)
        #expect(Serdes.validate(FormatSpec(.kafka, wrapSingleValue: false), columns: [Column("FOO", .integer)], isKey: false) == nil)
    }

    @Test func delimitedRejectsComplexTypes() throws {
        let key = try #require(Serdes.validate(.delimited, columns: [Column("K", .array(.double), kind: .key)], isKey: true))
        #expect(key == """
            Key format does not support schema.
            format: DELIMITED
            schema: Persistence{columns=[`K` ARRAY<DOUBLE> KEY], features=[]}
            reason: The 'DELIMITED' format does not support type 'ARRAY', column: `K`
            """)
        let structKey = Serdes.validate(.delimited, columns: [Column("K", .struct([.init("F", .double)]), kind: .key)], isKey: true)
        #expect(structKey?.contains("schema: Persistence{columns=[`K` STRUCT<`F` DOUBLE> KEY], features=[]}") == true)
        #expect(structKey?.contains("The 'DELIMITED' format does not support type 'STRUCT'") == true)
        let value = Serdes.validate(.delimited, columns: [Column("FOO", .map(key: .integer, value: .double))], isKey: false)
        #expect(value?.contains("The 'DELIMITED' format does not support type 'MAP'") == true)
    }

    @Test func kafkaSupportsOnePrimitive() {
        #expect(Serdes.validate(.kafka, columns: [Column("K", .boolean, kind: .key)], isKey: true) == """
            Key format does not support schema.
            format: KAFKA
            schema: Persistence{columns=[`K` BOOLEAN KEY], features=[]}
            reason: The 'KAFKA' format does not support type 'BOOLEAN'
            """)
        #expect(Serdes.validate(.kafka, columns: [Column("K", .decimal(precision: 21, scale: 19), kind: .key)], isKey: true)?
            .contains("schema: Persistence{columns=[`K` DECIMAL(21, 19) KEY], features=[]}\nreason: The 'KAFKA' format does not support type 'DECIMAL'")
            == true)
        #expect(Serdes.validate(.kafka, columns: [Column("FOO", .array(.integer))], isKey: false)?
            .contains("The 'KAFKA' format does not support type 'ARRAY'") == true)
        let twoKeys = [Column("ID", .integer, kind: .key), Column("AGE", .integer, kind: .key)]
        #expect(Serdes.validate(.kafka, columns: twoKeys, isKey: true)?
            .hasSuffix("reason: The 'KAFKA' format only supports a single field. Got: [`ID` INTEGER KEY, `AGE` INTEGER KEY]") == true)
    }

    @Test func keysCannotHoldMaps() {
        let message = Serdes.validate(.json, columns: [Column("K", .array(.map(key: .integer, value: .double)), kind: .key)], isKey: true)
        #expect(message == """
            Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to \
            inconsistent serialization. Key column name: `K`. Column type: ARRAY<MAP<INTEGER, DOUBLE>>. See \
            https://github.com/confluentinc/ksql/issues/6621 for more.
            """)
        let nested = Serdes.validate(.kafka, columns: [Column("KSQL_COL_0", .struct([.init("F", .map(key: .string, value: .string))]), kind: .key)], isKey: true)
        #expect(nested?.contains("Column type: STRUCT<`F` MAP<STRING, STRING>>.") == true)
    }

    @Test func jsonMapsNeedStringKeys() {
        #expect(Serdes.validate(.json, columns: [Column("FOO", .map(key: .integer, value: .double))], isKey: false)?
            .hasSuffix("reason: JSON only supports MAP types with STRING keys") == true)
    }

    @Test func wrappingRules() {
        let twoValues = [Column("F0", .string), Column("F1", .string)]
        #expect(Serdes.validate(FormatSpec(.json, wrapSingleValue: true), columns: twoValues, isKey: false)
            == "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas")
        #expect(Serdes.validate(FormatSpec(.json, wrapSingleValue: false), columns: twoValues, isKey: false)
            == "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas")
        #expect(Serdes.validate(FormatSpec(.delimited, wrapSingleValue: true), columns: [Column("FOO", .integer)], isKey: false)
            == "Format 'DELIMITED' does not support 'WRAP_SINGLE_VALUE' set to 'true'.")
        #expect(Serdes.validate(FormatSpec(.kafka, wrapSingleValue: true), columns: [Column("FOO", .integer)], isKey: false)
            == "Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'.")
    }

    @Test func noneNeedsNoColumnsAndOtherFormatsAreNamed() {
        #expect(Serdes.validate(.none, columns: [Column("V", .integer)], isKey: false)?
            .hasSuffix("reason: The 'NONE' format can only be used when no columns are defined. Got: [`V` INTEGER]") == true)
        #expect(Serdes.validate(FormatSpec(.avro), columns: [], isKey: false) == "Sluice does not support the 'AVRO' format")
    }

    @Test func factoriesRefuseWhatValidateRefuses() {
        let error = serdeError { try Serdes.makeDecoder(format: .kafka, columns: [Column("V", .boolean)], isKey: false) }
        #expect(error?.reason.hasSuffix("The 'KAFKA' format does not support type 'BOOLEAN'") == true)
        #expect(serdeError { try Serdes.makeEncoder(format: .delimited, columns: [Column("V", .array(.integer))], isKey: false) } != nil)
    }
}
