namespace Tern.Cli;

/// <summary>A command line that parsed but makes no sense (conflicting options, a bad value): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
