/// The landscape view (drawn in the next commit).
enum LandscapeView {
  static func draw(_ context: RenderContext, in rect: Rect, on canvas: inout Canvas) {}
}
