/// A bounded list that drops its oldest element when full; `version` counts appends.
struct RingBuffer<Element> {
    let capacity: Int
    private var storage: [Element] = []
    private var head = 0
    private(set) var version = 0

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { storage.count }

    mutating func append(_ element: Element) {
        version += 1
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = element
            head = (head + 1) % capacity
        }
    }

    /// Element `index`, 0 being the oldest kept.
    subscript(index: Int) -> Element {
        storage[(head + index) % storage.count]
    }

    /// Every element, oldest first.
    var elements: [Element] { (0..<count).map { self[$0] } }
}
