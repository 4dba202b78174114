import Foundation

/// The scalar reference of ``FusedLinearCrossEntropy``: the same results from plain loops in
/// `Double`, the whole `N × V` logits held, no blocking, no vectors, no threads. The kernel's
/// tests compare with it (and with the composed Autograd graph) at sizes where the composed
/// graph's naive products would be slow.
enum LinearCrossEntropyReference {
  /// The sum of the tokens' losses and the gradients of the input, the weight and the bias.
  struct Results {
    var total: Double
    var rowLosses: [Double]
    var input: [Double]
    var weight: [Double]
    var bias: [Double]
  }

  /// Runs the reference.
  ///
  /// Safety contract: none; arrays in, arrays out. `input` holds `N × D` floats,
  /// `linearWeight` `V × D`, `bias` `V` or is `nil`; targets and weights are valid for
  /// `problem`.
  static func run(
    input: [Float], linearWeight: [Float], bias: [Float]?,
    problem: FusedLinearCrossEntropy.Problem, gradientScale: Double
  ) -> Results {
    let (n, d, v) = (problem.tokens, problem.hidden, problem.vocabulary)
    let epsilon = Double(problem.labelSmoothing)
    func classWeight(_ c: Int) -> Double { Double(problem.weight?[c] ?? 1) }
    var results = Results(
      total: 0, rowLosses: [Double](repeating: 0, count: n),
      input: [Double](repeating: 0, count: n * d), weight: [Double](repeating: 0, count: v * d),
      bias: [Double](repeating: 0, count: v))
    for t in 0..<n {
      var z = [Double](repeating: 0, count: v)
      for c in 0..<v {
        var sum = Double(bias?[c] ?? 0)
        for k in 0..<d { sum += Double(input[t * d + k]) * Double(linearWeight[c * d + k]) }
        z[c] = sum
      }
      let largest = z.max() ?? 0
      let lse = largest + Foundation.log(z.reduce(0) { $0 + Foundation.exp($1 - largest) })
      // y'_c·w_c, the smoothed and weighted target of every class.
      var target = [Double](repeating: 0, count: v)
      switch problem.target {
      case .classes(let indices):
        let y = indices[t]
        if y == problem.ignoreIndex { continue }
        for c in 0..<v { target[c] = epsilon / Double(v) * classWeight(c) }
        target[y] += (1 - epsilon) * classWeight(y)
      case .probabilities(let p):
        for c in 0..<v {
          target[c] = ((1 - epsilon) * Double(p[t * v + c]) + epsilon / Double(v)) * classWeight(c)
        }
      }
      let mass = target.reduce(0, +)
      var loss = 0.0
      for c in 0..<v { loss += target[c] * (lse - z[c]) }
      results.rowLosses[t] = loss
      results.total += loss
      for c in 0..<v {
        let g = gradientScale * (mass * Foundation.exp(z[c] - lse) - target[c])
        results.bias[c] += g
        for k in 0..<d {
          results.input[t * d + k] += g * Double(linearWeight[c * d + k])
          results.weight[c * d + k] += g * Double(input[t * d + k])
        }
      }
    }
    return results
  }
}
