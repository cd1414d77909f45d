namespace Tern.Lab.Profiles;

/// <summary>What <see cref="ProfileGenerator"/> samples.</summary>
public sealed record ProfileOptions
{
    /// <summary><c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }
    /// <summary>Machine types to take a real stream from; null: a small default set (<see cref="ProfileGenerator.DefaultMachines"/>).</summary>
    public IReadOnlyList<string>? Machines { get; init; }
    /// <summary>CPU models per sampled machine; null: the default CPU on ppc64, cortex-a57 and max on aarch64.</summary>
    public IReadOnlyList<string>? Cpus { get; init; }
    /// <summary>Progress lines.</summary>
    public Action<string>? Log { get; init; }
}
