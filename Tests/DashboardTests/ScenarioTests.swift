import Dashboard
import Testing

@Suite struct ScenarioTests {
  @Test func stateStringsRoundTrip() throws {
    var state = DashboardState(
      scenario: try StateString.decode(
        "v1;z=2,1,0.1|0,5,0.2;y=0,1;w=1,2,3;r=sum;ls=0.1;g=3;lr=0.5;loss=focal"))
    state = update(state, .nudgeLogit(0.3))
    let text = StateString.encode(state.scenario)
    #expect(try StateString.decode(text) == state.scenario)
  }

  @Test(arguments: [
    "", "v2;z=1,2;y=0", "v1;z=1,2", "v1;z=1,2;y=5", "v1;z=1,x;y=0", "v1;z=1,2;y=0;w=1",
    "v1;z=1,2;y=0;r=avg",
    "v1;z=1,2;y=0;loss=hinge", "v1;z=1,2;y=0;q=1", "v1;z=1,2|3;y=0,0", "v1;z=1;y=0",
    "v1;z=1,2;y=0;ls=2",
    "v1;z=1,2;y=0;lr=-1", "v1;z=1,2;y=0.5", "v1;z=1,2;y=0;w=-1,1",
  ])
  func malformedStateStringsAreRejectedWithAReason(_ text: String) {
    #expect(throws: ScenarioError.self) { try StateString.decode(text) }
  }

  @Test func commandLineOptionsBuildScenarios() throws {
    let one = try Scenario.from(logits: "2,1,0.1", target: "0")
    #expect(one.samples == [.init(logits: [2, 1, 0.1], target: 0)])
    let batch = try Scenario.from(batch: "[[2,1],[2,1]]", target: "[1,1]", weights: "1,10")
    #expect(batch.weights == [1, 10])
    #expect(batch.samples.map(\.target) == [1, 1])
    #expect(try Scenario.from(loss: "focal").loss == .focal)
    #expect(try Scenario.from() == .standard)
    #expect(throws: ScenarioError.self) { try Scenario.from(logits: "2,1", batch: "[[1,2]]") }
    #expect(throws: ScenarioError.self) { try Scenario.from(logits: "2,1", target: "3") }
    #expect(throws: ScenarioError.self) { try Scenario.from(logits: "[[2,1]]") }
    #expect(throws: ScenarioError.self) { try Scenario.from(loss: "hinge") }
  }
}
