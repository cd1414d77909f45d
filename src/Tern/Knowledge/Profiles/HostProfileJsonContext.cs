using System.Text.Json.Serialization;

namespace Tern.Knowledge.Profiles;

/// <summary>Source-generated (AOT-safe, reflection-free) JSON metadata for host profiles; unknown fields are refused.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(HostProfile))]
internal sealed partial class HostProfileJsonContext : JsonSerializerContext;
