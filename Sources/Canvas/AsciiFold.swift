/// Plain ASCII for terminals and locales without Unicode: every character a frame can hold,
/// folded to ASCII (`ℓ` → `l`, `Σ` → `sum`, `∂` → `d`, `ε` → `eps`, `γ` → `gamma`, arrows to
/// `<-` / `->`, box drawing to `+-|`), anything else to `?`.
public enum AsciiFold {
  /// A string folded to ASCII (replacements may be longer than what they replace).
  public static func fold(_ text: String) -> String {
    guard !text.unicodeScalars.allSatisfy(\.isASCII) else { return text }
    var out = ""
    let characters = Array(text)
    for (index, character) in characters.enumerated() {
      if character.isASCII {
        out.append(character)
      } else if character == "Σ" {
        // `sum` and a space only where a letter follows (`Σe^z` → `sum e^z`, `Σ_c` → `sum_c`).
        let next = index + 1 < characters.count ? characters[index + 1] : " "
        out += next.isLetter || next.isNumber ? "sum " : "sum"
      } else {
        out += replacements[character] ?? "?"
      }
    }
    return out
  }

  /// One character folded to one ASCII character (for a cell).
  public static func foldCharacter(_ character: Character) -> Character {
    guard !character.isASCII else { return character }
    return cellReplacements[character] ?? replacements[character]?.first ?? "?"
  }

  /// Multi-character replacements, for text.
  static let replacements: [Character: String] = [
    "ℓ": "l", "Σ": "sum ", "∂": "d", "ε": "eps", "γ": "gamma ", "σ": "sigma", "Δ": "d",
    "α": "alpha", "β": "beta",
    "δ": "delta", "θ": "theta", "λ": "lambda", "μ": "mu", "π": "pi", "·": "*", "−": "-", "–": "-",
    "—": "-",
    "×": "x", "÷": "/", "←": "<-", "→": "->", "↑": "^", "↓": "v", "↔": "<->", "⇧": "shift-",
    "≤": "<=",
    "≥": ">=", "≠": "!=", "≈": "~", "…": "...", "“": "\"", "”": "\"", "‘": "'", "’": "'",
    "√": "sqrt",
    "∈": "in", "₀": "0", "₁": "1", "ᵢ": "i", "ₑ": "e", "ᵏ": "^k", "²": "^2", "⚠": "!", "●": "@",
    "◆": "*",
    "▶": ">", "◀": "<", "━": "=", "┄": ".", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+",
    "┘": "+",
    "├": "+", "┤": "+", "█": "#", "▏": "#", "▎": "#", "▍": "#", "▌": "#", "▋": "#", "▊": "#",
    "▉": "#",
    "▁": "_", "▂": "_", "▃": ".", "▄": ".", "▅": "-", "▆": "-", "▇": "^", "❚": "|", "■": "#",
    "µ": "u",
    "é": "e", "⁻": "-", "¹": "1", "ŷ": "y",
  ]

  /// Single-character forms where the text form is longer.
  static let cellReplacements: [Character: Character] = [
    "Σ": "S", "ε": "e", "γ": "g", "←": "<", "→": ">", "↔": "-", "⇧": "^", "≤": "<", "≥": ">",
    "…": ".",
  ]
}
