namespace Tern.Predict;

/// <summary>Which end of a migration a host is, and which end's QEMU reports a finding (JSON: <c>source</c>, <c>destination</c>).</summary>
public enum MigrationEnd
{
    /// <summary>The QEMU the VM runs on now.</summary>
    Source,
    /// <summary>The QEMU that loads the stream.</summary>
    Destination,
}
