namespace Tern.Fleet;

/// <summary>
/// The smallest change to a VM's configuration that opens the most hosts, verified by re-running the engine on every
/// target with the change applied on both ends.
/// </summary>
/// <param name="Kind"><c>machine</c>, <c>cpu</c>, <c>compat</c> or <c>cap</c>.</param>
/// <param name="Option">The changed option as it is to be written, e.g. <c>-machine pseries-7.2,max-cpu-compat=power9</c>.</param>
/// <param name="Description">What changes, e.g. <c>machine type pseries-10.0 → pseries-7.2</c>.</param>
/// <param name="CompatibleBefore">Hosts the VM migrates to now.</param>
/// <param name="CompatibleAfter">Hosts it migrates to with the change.</param>
/// <param name="Opened">The hosts the change opens.</param>
public sealed record PlanSuggestion(string Kind, string Option, string Description, int CompatibleBefore, int CompatibleAfter, IReadOnlyList<string> Opened);
