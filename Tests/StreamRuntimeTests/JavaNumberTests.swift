import Testing
@testable import StreamRuntime

/// Floating-point text as Java 17 (Flink 2.3's JVM) writes it: `Double.toString` and
/// `Float.toString` before Java 19, whose digits are not always the shortest. The expected
/// texts were printed by OpenJDK 17.0.15 for these bit patterns (a sample of 20,000 random
/// values of each type, all of which weir writes the same).
@Suite("Java 17's floating-point text")
struct JavaNumberTests {
    @Test("doubles as Double.toString writes them")
    func doubles() {
        let doubles: [(UInt64, String)] = [
            (0x43A3_5A40_0CD8_6DF2, "6.9724872926972954E17"),
            (0x4430_6E3B_8AA7_B1EC, "3.0309100000000003E20"),
            (0x43B1_DB65_C14B_9016, "1.2867339994152361E18"),
            (0x436B_506B_9D77_D7D1, "6.1505980038299272E16"),
            (0x4434_5DD7_DEF8_D3EE, "3.7569699999999997E20"),
            (0x444C_BEA0_AA24_3F00, "1.0604899999999999E21"),
            (0x43B8_F624_38A1_10EE, "1.79866492682010163E18"),
            (0x4493_4749_CD51_684A, "2.2759999999999998E22"),
            (0x406A_67EF_9DB2_2D0E, "211.248"),
            (0xC087_B4CC_CCCC_CCCD, "-758.6"),
            (0xBA41_9D35_0DFE_8AF7, "-4.446421636188976E-28"),
            (0x1761_0C99_E743_67BD, "4.561602440872777E-196"),
            (0xC86C_400E_FF88_A1E3, "-7.690443792409689E40"),
            (0xCC5C_8305_2D68_AD16, "-7.1588582055528665E59"),
        ]
        for (bits, text) in doubles {
            #expect(JavaNumber.format(Double(bitPattern: bits)) == text)
        }
        // Java 17's own quirks, kept (its output for these literals).
        #expect(JavaNumber.format(2e23) == "1.9999999999999998E23")
        #expect(JavaNumber.format(1e23) == "9.999999999999999E22")
        #expect(JavaNumber.format(0.001) == "0.001")
        #expect(JavaNumber.format(1e7) == "1.0E7")
        #expect(JavaNumber.format(9_999_999) == "9999999.0")
        #expect(JavaNumber.format(-0.0) == "-0.0")
        #expect(JavaNumber.format(Double.leastNonzeroMagnitude) == "4.9E-324")
        #expect(JavaNumber.format(Double.greatestFiniteMagnitude) == "1.7976931348623157E308")
    }

    @Test("FLOATs as Float.toString writes them")
    func floats() {
        let floats: [(UInt32, String)] = [
            (0x577C_0040, "2.77078004E14"),
            (0x5951_A0FA, "3.68782911E15"),
            (0x53B0_E716, "1.51958245E12"),
            (0x4D10_08F0, "1.51031552E8"),
            (0x5833_4F6F, "7.8861498E14"),
            (0x4C8E_206C, "7.4515296E7"),
            (0x5E25_10F9, "2.9735701E18"),
            (0x5040_6CB6, "1.29133998E10"),
            (0x4353_3F7D, "211.248"),
            (0xC43D_A666, "-758.6"),
            (0x920C_E9A8, "-4.4464214E-28"),
            (0x3FC0_0000, "1.5"),
        ]
        for (bits, text) in floats {
            #expect(JavaNumber.format(float: Float(bitPattern: bits)) == text)
        }
        // The FLOAT 3.4E10 (fuzz round 30: Flink wrote 3.3999999E10), the least subnormal.
        #expect(JavaNumber.format(float: 3.4e10) == "3.3999999E10")
        #expect(JavaNumber.format(float: Float.leastNonzeroMagnitude) == "1.4E-45")
        #expect(JavaNumber.format(float: 0.1) == "0.1")
    }

    @Test("PRINTF's %f and %e round the digits Java 17 develops for them")
    func formatted() {
        // Printed by OpenJDK 17 with String.format (3,000 random values matched through PRINTF).
        #expect(JavaFormat.format("%.3f|%.4e|%s", [.double(-758.6), .double(-758.6), .double(-758.6)], [.double, .double, .double])
            == "-758.600|-7.5860e+02|-758.6")
        #expect(JavaFormat.format("%.2f", [.double(1e23)], [.double]) == "99999999999999990000000.00")
    }
}
