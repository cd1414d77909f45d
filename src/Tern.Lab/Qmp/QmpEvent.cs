using System.Text.Json;

namespace Tern.Lab.Qmp;

/// <summary>An asynchronous QMP event (<c>STOP</c>, <c>RESUME</c>, <c>MIGRATION</c>, <c>SHUTDOWN</c>, ...).</summary>
/// <param name="Name">The event name.</param>
/// <param name="Timestamp">QEMU's timestamp.</param>
/// <param name="Data">The event's <c>data</c> member (an empty object when absent).</param>
public sealed record QmpEvent(string Name, DateTimeOffset Timestamp, JsonElement Data);
