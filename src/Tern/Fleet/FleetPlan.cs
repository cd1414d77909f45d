namespace Tern.Fleet;

/// <summary>What <see cref="FleetPlanner"/> found for a whole inventory.</summary>
/// <param name="Hosts">The hosts as resolved (upgrades applied).</param>
/// <param name="Vms">One plan per VM, in inventory order.</param>
/// <param name="Statistics">How much work the equivalence classes saved.</param>
public sealed record FleetPlan(IReadOnlyList<FleetHost> Hosts, IReadOnlyList<VmPlan> Vms, PlanStatistics Statistics);
