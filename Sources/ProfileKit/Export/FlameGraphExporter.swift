/// Writes a flame graph (Brendan Gregg's layout, as FlameGraph's flamegraph.pl draws it) as one
/// self-contained SVG: one box per frame, width proportional to weight, roots at the bottom,
/// children in name order; `<title>` elements give hover details, a small inline script zooms into
/// a clicked frame. Colours come from a hash of the function name, so the same input always gives
/// the same bytes. Frames narrower than `minimumFrameWidth` pixels are left out (and cannot be
/// zoomed into), as in flamegraph.pl.
public struct FlameGraphExporter: ProfileExporter {
    /// The format this exporter writes.
    public static let format = ExportFormat.flamegraph

    /// The heading.
    public var title: String
    /// What a unit of weight is, shown in the details (`µs` for the server's folded file,
    /// `samples` for a sampling profiler's).
    public var weightUnit: String
    /// Image width in pixels.
    public var width: Int
    /// Height of one frame in pixels.
    public var frameHeight: Int
    /// Font size in pixels.
    public var fontSize: Double
    /// Frames narrower than this many pixels are omitted.
    public var minimumFrameWidth: Double

    /// An exporter; the defaults are flamegraph.pl's.
    public init(title: String = "Flame Graph", weightUnit: String = "µs", width: Int = 1200,
                frameHeight: Int = 16, fontSize: Double = 12, minimumFrameWidth: Double = 0.1) {
        self.title = title
        self.weightUnit = weightUnit
        self.width = width
        self.frameHeight = frameHeight
        self.fontSize = fontSize
        self.minimumFrameWidth = minimumFrameWidth
    }

    /// The SVG for folded stacks; a `.prof` profile is refused because it has no stacks.
    public func export(_ source: ExportSource) throws(ExportError) -> [UInt8] {
        guard case .stacks(let stacks) = source else { throw .needsStacks(Self.format) }
        guard stacks.checkedTotalWeight != nil else { throw .weightsTooLarge }
        return Array(svg(for: stacks).utf8)
    }

    private static let padding = 10.0
    private static let characterWidth = 0.59

    /// The SVG text for folded stacks, whose weights must add up to at most `Int.max` (`export`
    /// refuses others; `FoldedStacks(parsing:)` never makes them).
    public func svg(for stacks: FoldedStacks) -> String {
        let layout = FlameGraphLayout(rootName: "all", stacks: stacks)
        let top = fontSize * 3, bottom = fontSize * 2 + 10
        let height = Double((layout.maxDepth + 1) * frameHeight) + top + bottom
        let usable = Double(width) - 2 * Self.padding
        let total = layout.total
        let perUnit = total > 0 ? usable / Double(total) : 0

        var out = """
            <?xml version="1.0" standalone="no"?>
            <svg version="1.1" width="\(width)" height="\(Self.number(height))" \
            viewBox="0 0 \(width) \(Self.number(height))" xmlns="http://www.w3.org/2000/svg">
            <style>
            text { font-family: Verdana, sans-serif; font-size: \(Self.number(fontSize))px; fill: #000; }
            #title { font-size: \(Self.number(fontSize + 5))px; text-anchor: middle; }
            #frames g { cursor: pointer; }
            #frames g:hover rect { stroke: #000; stroke-width: 0.5; }
            #frames g.parent rect { opacity: 0.5; }
            .hide { display: none; }
            </style>
            <script><![CDATA[\(Self.script(fontSize: fontSize))]]></script>
            <rect x="0" y="0" width="100%" height="100%" fill="#f8f8f8"/>
            <text id="title" x="\(Self.number(Double(width) / 2))" y="\(Self.number(fontSize * 2))">\(XMLText.escaped(title))</text>
            <text id="unzoom" class="hide" x="\(Self.number(Self.padding))" y="\(Self.number(fontSize * 2))">Reset Zoom</text>
            <text id="details" x="\(Self.number(Self.padding))" y="\(Self.number(height - fontSize))"> </text>
            <g id="frames">

            """
        for frame in layout.frames {
            let boxWidth = Double(frame.width) * perUnit
            guard boxWidth >= minimumFrameWidth || frame.depth == 0 else { continue }
            let name = layout.names[frame.name]
            let x = Self.padding + Double(frame.start) * perUnit
            let y = height - bottom - Double((frame.depth + 1) * frameHeight)
            let share = total > 0 ? Double(frame.width) / Double(total) * 100 : 0
            let details = "\(name) (\(Self.grouped(frame.width)) \(weightUnit), \(CFormat.fixed(share, precision: 2))%)"
            out += "<g data-x=\"\(frame.start)\" data-w=\"\(frame.width)\" data-d=\"\(frame.depth)\" data-n=\"\(XMLText.escaped(name))\">"
            out += "<title>\(XMLText.escaped(details))</title>"
            out += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(boxWidth))\" "
            out += "height=\"\(frameHeight - 1)\" rx=\"2\" fill=\"\(Self.color(name, isRoot: frame.depth == 0))\"/>"
            out += "<text x=\"\(Self.number(x + 3))\" y=\"\(Self.number(y + Double(frameHeight) - 4.5))\">"
            out += XMLText.escaped(label(name, width: boxWidth)) + "</text></g>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// The name cut to what fits in `width` pixels, `..` marking a cut; empty under 3 characters.
    func label(_ name: String, width: Double) -> String {
        let fits = Int((width - 6) / (fontSize * Self.characterWidth))
        if fits < 3 { return "" }
        if name.count <= fits { return name }
        return String(name.prefix(fits - 2)) + ".."
    }

    /// A warm colour from a hash of the name (FNV-1a), flamegraph.pl's "hot" palette.
    static func color(_ name: String, isRoot: Bool) -> String {
        if isRoot { return "rgb(200,200,200)" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let v1 = Double(hash & 0xffff) / 65535, v2 = Double((hash >> 16) & 0xffff) / 65535
        let v3 = Double((hash >> 32) & 0xffff) / 65535
        return "rgb(\(205 + Int(50 * v3)),\(Int(230 * v1)),\(Int(55 * v2)))"
    }

    /// `%.2f` without trailing zeros, for coordinates.
    static func number(_ x: Double) -> String {
        var s = CFormat.fixed(x, precision: 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// 1234567 -> "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// Zoom on click, details on hover, "Reset Zoom" to go back.
    static func script(fontSize: Double) -> String {
        """

        "use strict";
        var PAD = \(number(padding)), CH = \(number(fontSize * characterWidth)), W, details, unzoom;
        function frame(e) { return e.target.closest ? e.target.closest("g[data-w]") : null; }
        function fit(t, w, name) {
          var n = Math.floor((w - 6) / CH);
          t.textContent = n < 3 ? "" : (name.length <= n ? name : name.slice(0, n - 2) + "..");
        }
        function zoom(z) {
          var s = +z.getAttribute("data-x"), w = +z.getAttribute("data-w"), d = +z.getAttribute("data-d");
          var scale = (W - 2 * PAD) / w, all = document.querySelectorAll("#frames g[data-w]");
          for (var i = 0; i < all.length; i++) {
            var g = all[i], gs = +g.getAttribute("data-x"), gw = +g.getAttribute("data-w"), gd = +g.getAttribute("data-d");
            var x, ww, parent = gd < d;
            if (parent && gs <= s && gs + gw >= s + w) { x = PAD; ww = W - 2 * PAD; }
            else if (!parent && gs >= s && gs + gw <= s + w) { x = PAD + (gs - s) * scale; ww = gw * scale; }
            else { g.classList.add("hide"); continue; }
            g.classList.remove("hide");
            g.classList.toggle("parent", parent);
            var r = g.querySelector("rect"), t = g.querySelector("text");
            r.setAttribute("x", x.toFixed(2)); r.setAttribute("width", ww.toFixed(2));
            t.setAttribute("x", (x + 3).toFixed(2)); fit(t, ww, g.getAttribute("data-n"));
          }
          unzoom.classList.toggle("hide", d === 0);
        }
        window.addEventListener("load", function () {
          W = +document.documentElement.getAttribute("width");
          details = document.getElementById("details");
          unzoom = document.getElementById("unzoom");
          var frames = document.getElementById("frames");
          frames.addEventListener("click", function (e) { var g = frame(e); if (g) zoom(g); });
          frames.addEventListener("mouseover", function (e) {
            var g = frame(e); if (g) details.textContent = g.querySelector("title").textContent;
          });
          frames.addEventListener("mouseout", function () { details.textContent = " "; });
          unzoom.addEventListener("click", function () { zoom(document.querySelector("#frames g[data-d='0']")); });
        });

        """
    }
}
