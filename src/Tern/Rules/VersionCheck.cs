namespace Tern.Rules;

/// <summary>What a destination does with an incoming version (<see cref="SectionVersionRule.Check"/>).</summary>
public enum VersionCheck
{
    /// <summary>Within <c>[minimum_version_id, version_id]</c>: the body is loaded.</summary>
    Loads,
    /// <summary>Above the destination's <c>version_id</c>.</summary>
    TooNew,
    /// <summary>Below the destination's <c>minimum_version_id</c>.</summary>
    TooOld,
}
