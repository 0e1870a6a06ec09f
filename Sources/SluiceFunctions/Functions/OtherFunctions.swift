import SluiceCore

/// GEO_DISTANCE, ELT, FIELD.
enum OtherFunctions {
    static let all: [ScalarFunction] = [geoDistance, elt, field]

    static let earthRadiusKilometers = 6371.0
    static let earthRadiusMiles = 3959.0

    static let geoDistance = ScalarFunction(
        "GEO_DISTANCE", category: .other,
        description:
            "Returns the great-circle (haversine) distance between two points given as latitude and longitude in "
            + "decimal degrees, in kilometers or in the unit given ('KM', 'MI' and spelled-out forms).",
        overloads: [
            FunctionOverload(
                [.p("lat1", .double), .p("lon1", .double), .p("lat2", .double), .p("lon2", .double)],
                returns: .fixed(.double),
                kernel: .variadic { arguments throws(RecordError) in try distance(arguments, units: nil) }),
            FunctionOverload(
                [
                    .p("lat1", .double), .p("lon1", .double), .p("lat2", .double), .p("lon2", .double),
                    .p("units", .string),
                ],
                returns: .fixed(.double),
                kernel: .variadic { arguments throws(RecordError) in
                    try distance(arguments, units: arguments[4].byteStringValue?.string)
                }),
        ])

    static func distance(_ arguments: UnsafeBufferPointer<Value>, units: String?) throws(RecordError) -> Value {
        guard let lat1 = arguments[0].doubleValue, let lon1 = arguments[1].doubleValue,
            let lat2 = arguments[2].doubleValue, let lon2 = arguments[3].doubleValue
        else { return .null }
        if lat1 < -90 || lat2 < -90 || lat1 > 90 || lat2 > 90 {
            throw RecordError(
                "valid latitude values for GeoDistance function are in the range of -90 to 90 decimal degrees")
        }
        if lon1 < -180 || lon2 < -180 || lon1 > 180 || lon2 > 180 {
            throw RecordError(
                "valid longitude values for GeoDistance function are in the range of -180 to +180 decimal degrees")
        }
        let radius = try earthRadius(units)
        // `degrees / 180 * π`, in this order, reproduces ksqlDB's results to the last digit.
        let radians = { (degrees: Double) -> Double in degrees / 180 * Double.pi }
        let haversine = { (angle: Double) -> Double in Math.pow(Math.sin(angle / 2), 2) }
        let a =
            haversine(radians(lat2 - lat1))
            + haversine(radians(lon2 - lon1)) * Math.cos(radians(lat1)) * Math.cos(radians(lat2))
        return .double(2 * Math.asin(a.squareRoot()) * radius)
    }

    static func earthRadius(_ units: String?) throws(RecordError) -> Double {
        guard let units, !JavaText.trim(units).isEmpty else { return earthRadiusKilometers }
        switch JavaText.trim(units).lowercased() {
        case "mi", "mile", "miles": return earthRadiusMiles
        case "km", "kilometer", "kilometers", "kilometre", "kilometres": return earthRadiusKilometers
        default:
            throw RecordError(
                "GeoDistance function units parameter must be one of mi, mile, miles, km, kilometer, kilometers, "
                    + "kilometre or kilometres. Values are case-insensitive.")
        }
    }

    static let elt = ScalarFunction(
        "ELT", category: .string,
        description: "Returns the n-th of the strings (1-based), or NULL if n is below 1 or past the last one.",
        overloads: [
            FunctionOverload(
                [.p("n", .integer), .p("args", .string)], variadic: true, returns: .fixed(.string),
                kernel: .variadic { arguments in
                    guard let n = arguments[0].int32Value, n >= 1, Int(n) < arguments.count else { return .null }
                    return arguments[Int(n)]
                })
        ])

    static let field = ScalarFunction(
        "FIELD", category: .string,
        description:
            "Returns the position (1-based) of the first string equal to str among the others, or 0 if none is "
            + "(a NULL str is equal to nothing).",
        overloads: [
            FunctionOverload(
                [.p("str", .string), .p("args", .string)], variadic: true, returns: .fixed(.integer),
                kernel: .variadic { arguments in
                    guard !arguments[0].isNull else { return .integer(0) }
                    for index in 1..<arguments.count where arguments[index] == arguments[0] {
                        return .integer(Int32(index))
                    }
                    return .integer(0)
                })
        ])
}
