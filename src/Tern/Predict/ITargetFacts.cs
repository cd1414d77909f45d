namespace Tern.Predict;

/// <summary>
/// What a target resolves for a host beyond what every target has (POWER: the PVR, CPU family, compat mode and spapr
/// cap levels): set by the target's start-up resolution, read only by that target's rules. The engine carries it and
/// never looks inside.
/// </summary>
public interface ITargetFacts;
