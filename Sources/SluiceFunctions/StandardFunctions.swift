/// The built-in scalar functions, by area.
enum StandardFunctions {
    static var all: [ScalarFunction] {
        StringFunctions.all + MathFunctions.all + ConditionalFunctions.all + ArrayFunctions.all + MapFunctions.all
            + JSONFunctions.all + DateTimeFunctions.all
            + BytesFunctions.all + RegexFunctions.all
            + URLFunctions.all + OtherFunctions.all + LambdaFunctions.all + TableFunctions.all
    }
}
