namespace Tern.Schema.Diff;

/// <summary>How findings name a section: its label, instance id and the idstr QEMU would print.</summary>
internal sealed record SectionRef(string Label, uint? InstanceId, string IdStr);
