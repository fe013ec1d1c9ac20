/// A rectangle of terminal cells: where a pane or widget may draw.
public struct Rect: Sendable, Equatable {
    public var row: Int
    public var col: Int
    public var width: Int
    public var height: Int

    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row
        self.col = col
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle shrunk by `margin` cells on every side.
    func inset(by margin: Int) -> Rect {
        Rect(row: row + margin, col: col + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    /// A centred rectangle of at most `width`×`height` inside this one.
    func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(row: row + (self.height - h) / 2, col: col + (self.width - w) / 2, width: w, height: h)
    }
}
