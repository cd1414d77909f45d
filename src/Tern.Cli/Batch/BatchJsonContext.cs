using System.Text.Json.Serialization;

namespace Tern.Cli.Batch;

/// <summary>Source-generated (AOT-safe, reflection-free) JSON metadata for the batch input lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(BatchQuestion))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
