/// A request the server refuses to read further, with the status to answer.
struct RequestRejection: Error {
    /// The status code of the answer, such as 400 or 431.
    var status: Int

    /// Why, sent as the body of the answer.
    var reason: String
}
