#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C math library, under names that don't collide with the function definitions.
enum Math {
    static func exp(_ x: Double) -> Double { cExp(x) }
    static func log(_ x: Double) -> Double { cLog(x) }
    static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
    static func cbrt(_ x: Double) -> Double { cCbrt(x) }
    static func sin(_ x: Double) -> Double { cSin(x) }
    static func cos(_ x: Double) -> Double { cCos(x) }
    static func tan(_ x: Double) -> Double { cTan(x) }
    static func asin(_ x: Double) -> Double { cAsin(x) }
    static func acos(_ x: Double) -> Double { cAcos(x) }
    static func atan(_ x: Double) -> Double { cAtan(x) }
    static func atan2(_ y: Double, _ x: Double) -> Double { cAtan2(y, x) }
    static func sinh(_ x: Double) -> Double { cSinh(x) }
    static func cosh(_ x: Double) -> Double { cCosh(x) }
    static func tanh(_ x: Double) -> Double { cTanh(x) }
}

private func cExp(_ x: Double) -> Double { exp(x) }
private func cLog(_ x: Double) -> Double { log(x) }
private func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
private func cCbrt(_ x: Double) -> Double { cbrt(x) }
private func cSin(_ x: Double) -> Double { sin(x) }
private func cCos(_ x: Double) -> Double { cos(x) }
private func cTan(_ x: Double) -> Double { tan(x) }
private func cAsin(_ x: Double) -> Double { asin(x) }
private func cAcos(_ x: Double) -> Double { acos(x) }
private func cAtan(_ x: Double) -> Double { atan(x) }
private func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
private func cSinh(_ x: Double) -> Double { sinh(x) }
private func cCosh(_ x: Double) -> Double { cosh(x) }
private func cTanh(_ x: Double) -> Double { tanh(x) }
