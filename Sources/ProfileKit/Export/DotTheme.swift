#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gprof2dot colour theme: how a weight in [0, 1] (a node's or edge's share of total time) becomes
/// a colour, font size and pen width. The values are gprof2dot 2025.4.14's `Theme` objects.
public struct DotTheme: Sendable, Equatable {
    /// An HSL colour, each part in [0, 1].
    public struct HSL: Sendable, Equatable {
        /// Hue.
        public var h: Double
        /// Saturation.
        public var s: Double
        /// Lightness.
        public var l: Double
        /// Makes a colour.
        public init(_ h: Double, _ s: Double, _ l: Double) { self.h = h; self.s = s; self.l = l }
    }

    /// The theme's name as gprof2dot's `-c` knows it.
    public var name: String
    /// Background (and filled nodes' font) colour.
    public var background = HSL(0, 0, 1)
    /// Colour of weight 0.
    public var minColor = HSL(0, 0, 0)
    /// Colour of weight 1.
    public var maxColor = HSL(0, 0, 1)
    /// Font of every label.
    public var fontName = "Arial"
    /// The default node font colour.
    public var fontColor = "white"
    /// Node style: `filled` paints the node in its colour.
    public var nodeStyle = "filled"
    /// Font size at weight 0 and 1.
    public var minFontSize = 10.0, maxFontSize = 10.0
    /// Edge pen width at weight 0 and 1.
    public var minPenWidth = 0.5, maxPenWidth = 4.0
    /// Gamma applied to each RGB channel.
    public var gamma = 2.2
    /// Skew of the interpolation (1 = linear).
    public var skew = 1.0

    /// gprof2dot's default `color` theme: dark blue (cold) to saturated red (hot).
    public static let temperature = DotTheme(name: "color", minColor: HSL(2.0 / 3.0, 0.80, 0.25),
                                             maxColor: HSL(0.0, 1.0, 0.5), gamma: 1.0)
    /// `pink`: pink to saturated red.
    public static let pink = DotTheme(name: "pink", minColor: HSL(0, 1, 0.9), maxColor: HSL(0, 1, 0.5))
    /// `gray`: light gray to black.
    public static let gray = DotTheme(name: "gray", minColor: HSL(0, 0, 0.85), maxColor: HSL(0, 0, 0))
    /// `bw`: black, weight shown by font size and pen width.
    public static let blackAndWhite = DotTheme(name: "bw", minColor: HSL(0, 0, 0), maxColor: HSL(0, 0, 0),
                                               minFontSize: 8, maxFontSize: 24, minPenWidth: 0.1, maxPenWidth: 8)
    /// `print`: black outlines and text, for paper.
    public static let print = DotTheme(name: "print", minColor: HSL(0, 0, 0), maxColor: HSL(0, 0, 0),
                                       fontColor: "black", nodeStyle: "solid", minFontSize: 18, maxFontSize: 30,
                                       minPenWidth: 0.1, maxPenWidth: 8)
    /// Every theme, in gprof2dot's order.
    public static let all: [DotTheme] = [.temperature, .pink, .gray, .blackAndWhite, .print]

    /// The `#rrggbb` colour of a weight.
    public func color(_ weight: Double) -> String {
        let w = min(max(weight, 0), 1)
        let h, s, l: Double
        if skew == 1.0 {
            h = minColor.h + w * (maxColor.h - minColor.h)
            s = minColor.s + w * (maxColor.s - minColor.s)
            l = minColor.l + w * (maxColor.l - minColor.l)
        } else {
            let f = (-1.0 + pow(skew, w)) / (skew - 1.0)
            h = minColor.h + (maxColor.h - minColor.h) * f
            s = minColor.s + (maxColor.s - minColor.s) * f
            l = minColor.l + (maxColor.l - minColor.l) * f
        }
        return Self.hex(rgb(HSL(h, s, l)))
    }

    /// The node font colour for a weight.
    public func nodeFontColor(_ weight: Double) -> String {
        nodeStyle == "filled" ? Self.hex(rgb(background)) : color(weight)
    }

    /// `max(w² · maxFontSize, minFontSize)`.
    public func fontSize(_ weight: Double) -> Double { max(weight * weight * maxFontSize, minFontSize) }

    /// `max(w · maxPenWidth, minPenWidth)`.
    public func penWidth(_ weight: Double) -> Double { max(weight * maxPenWidth, minPenWidth) }

    /// `0.5 · √penWidth`.
    public func arrowSize(_ weight: Double) -> Double { 0.5 * penWidth(weight).squareRoot() }

    /// CSS3 HSL to RGB, then gamma (gprof2dot's `hsl_to_rgb`).
    func rgb(_ c: HSL) -> (Double, Double, Double) {
        var h = fmod(c.h, 1.0)
        if h < 0 { h += 1.0 }
        let s = min(max(c.s, 0), 1), l = min(max(c.l, 0), 1)
        let m2 = l <= 0.5 ? l * (s + 1.0) : l + s - l * s
        let m1 = l * 2.0 - m2
        func hue(_ hh: Double) -> Double {
            var h = hh
            if h < 0 { h += 1 } else if h > 1 { h -= 1 }
            if h * 6 < 1 { return m1 + (m2 - m1) * h * 6 }
            if h * 2 < 1 { return m2 }
            if h * 3 < 2 { return m1 + (m2 - m1) * (2.0 / 3.0 - h) * 6 }
            return m1
        }
        return (pow(hue(h + 1.0 / 3.0), gamma), pow(hue(h), gamma), pow(hue(h - 1.0 / 3.0), gamma))
    }

    static func hex(_ rgb: (Double, Double, Double)) -> String {
        func channel(_ f: Double) -> String {
            let n = f <= 0 ? 0 : f >= 1 ? 255 : Int(255.0 * f + 0.5)
            let digits = String(n, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "#" + channel(rgb.0) + channel(rgb.1) + channel(rgb.2)
    }
}
