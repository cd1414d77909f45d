namespace Tern.Fleet;

/// <summary>The plan for one VM: every other host of its target judged, a suggestion, machine-type lifecycle notes.</summary>
/// <param name="Name">The VM's name.</param>
/// <param name="Host">The host it runs on now.</param>
/// <param name="Targets">Every other host of the same target, in inventory order.</param>
/// <param name="Suggestion">The verified change that opens the most hosts, or null when no single change opens more.</param>
/// <param name="Lifecycle">Deprecation and removal notes for its machine type.</param>
public sealed record VmPlan(string Name, string Host, IReadOnlyList<PlanTarget> Targets, PlanSuggestion? Suggestion, IReadOnlyList<LifecycleNote> Lifecycle);
