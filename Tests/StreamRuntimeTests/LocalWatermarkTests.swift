import Testing
@testable import StreamRuntime

/// The wall-clock watermark of a TIMESTAMP_LTZ rowtime across daylight-saving changes.
@Suite("LocalWatermark")
struct LocalWatermarkTests {
    static let hour: Int64 = 3_600_000

    @Test("timers are Flink's toEpochMillsForTimer on its documented examples")
    func timers() throws {
        let la = try #require(LocalWatermark(zone: "America/Los_Angeles", delay: 0))
        // TimeWindowUtil's comments: 2021-03-14 02:00 and 02:59:59 (skipped) register 03:00,
        // 2021-11-07 01:00 (twice) registers its second instant.
        let march14 = Int64(1_615_680_000_000)  // 2021-03-14 00:00 as a wall clock (UTC millis)
        #expect(la.timer(march14) == 1_615_708_800_000)
        #expect(la.timer(march14 + 2 * Self.hour) == 1_615_716_000_000)
        #expect(la.timer(march14 + 2 * Self.hour + 3_599_000) == 1_615_716_000_000)
        let november7 = Int64(1_636_243_200_000)  // 2021-11-07 00:00 as a wall clock
        #expect(la.timer(november7) == 1_636_268_400_000)
        #expect(la.timer(november7 + Self.hour) == 1_636_275_600_000)
        #expect(la.timer(november7 + 2 * Self.hour) == 1_636_279_200_000)
    }

    @Test("the wall watermark is the greatest wall clock whose timer the watermark reached")
    func wallWatermarkIsTheTimersInverse() throws {
        for zone in ["America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe"] {
            let local = try #require(LocalWatermark(zone: zone, delay: 0))
            // Around the 2024 changes (instants), minute by minute.
            for center in [Int64(1_710_064_800_000), 1_730_620_800_000, 1_711_846_800_000, 1_729_990_800_000,
                           1_712_415_600_000, 1_728_142_200_000] {
                let walls = stride(from: center - 14 * Self.hour, through: center + 14 * Self.hour, by: 60_000).map { $0 }
                for watermark in stride(from: center - 3 * Self.hour, through: center + 3 * Self.hour, by: 60_000 * 13) {
                    let reached = walls.filter { local.timer($0) <= watermark }.max()!
                    let got = local.wallWatermark(watermark)
                    // Exact to the millisecond; the brute force sees only whole minutes.
                    #expect(got >= reached && got < reached + 60_000, "\(zone) at \(watermark)")
                }
            }
        }
    }

    @Test("across a repeated hour the watermark waits for the second pass")
    func repeatedHour() throws {
        let local = try #require(LocalWatermark(zone: "America/Los_Angeles", delay: 0))
        let firstPass = Int64(1_730_620_800_000)  // 2024-11-03 08:00Z, 01:00 PDT
        let oneAM = firstPass - 7 * Self.hour      // 01:00 as a wall clock
        #expect(local.advance(wallClock: oneAM - 60_000) == oneAM - 60_000)
        // 01:10 and 01:50 of the first pass: held just before 01:00.
        #expect(local.advance(wallClock: oneAM + 600_000) == oneAM - 1)
        #expect(local.advance(wallClock: oneAM + 3_000_000) == oneAM - 1)
        // 01:05 of the second pass (PST) is read as the later instant and moves it on.
        #expect(local.advance(wallClock: oneAM + 300_000) == oneAM + 300_000)
        #expect(local.advance(wallClock: oneAM + Self.hour + 60_000) == oneAM + Self.hour + 60_000)
    }

    @Test("events in order across both 2024 changes: the watermark of the greatest instant, fast path or not")
    func eventsAcrossChanges() throws {
        for zone in ["America/Los_Angeles", "Europe/Berlin"] {
            let local = try #require(LocalWatermark(zone: zone, delay: 5_000))
            var generator = SystemRandomNumberGenerator()
            var instant = Int64(1_709_251_200_000)  // 2024-03-01
            var greatest = Int64.min
            while instant < 1_733_011_200_000 {  // 2024-12-01
                // Steps of up to an hour, slowing to minutes around the changes; a little disorder.
                let near = [Int64(1_710_064_800_000), 1_730_620_800_000, 1_711_846_800_000, 1_729_990_800_000].contains { Swift.abs($0 - instant) < 4 * Self.hour }
                instant += near ? Int64.random(in: 1...120_000, using: &generator) : Int64.random(in: 1...Self.hour, using: &generator)
                let event = instant - Int64.random(in: 0...60_000, using: &generator)
                greatest = max(greatest, event)
                let wall = SessionTimeZone.local(event, in: zone)
                #expect(local.advance(wallClock: wall) == local.wallWatermark(greatest - 5_000), "\(zone) at \(event)")
            }
        }
    }

    @Test("a zone without daylight saving needs none")
    func fixedZones() {
        #expect(LocalWatermark(zone: "UTC", delay: 0) == nil)
        #expect(LocalWatermark(zone: "+05:30", delay: 0) == nil)
        #expect(LocalWatermark(zone: "Asia/Kolkata", delay: 0) == nil)
        #expect(LocalWatermark(zone: "Asia/Shanghai", delay: 0) == nil)
    }
}
