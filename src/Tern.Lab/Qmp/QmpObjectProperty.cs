using System.Text.Json;

namespace Tern.Lab.Qmp;

/// <summary>One entry of <c>qom-list-properties</c>.</summary>
/// <param name="Name">The property name, e.g. <c>cap-cfpc</c>.</param>
/// <param name="Type">Its type (<c>string</c>, <c>bool</c>, <c>SpaprCapPossible</c>, ...).</param>
/// <param name="Description">Its description, when given.</param>
/// <param name="DefaultValue">Its default value, when QEMU reports one (QEMU 5.0+ for some properties).</param>
public sealed record QmpObjectProperty(string Name, string Type, string? Description, JsonElement? DefaultValue);
