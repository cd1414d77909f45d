using System.CommandLine;
using Tern.Wire;

namespace Tern.Cli;

/// <summary>Parses the command line and maps failures to exit codes: 2 for usage, 3 for unreadable input.</summary>
internal static class CommandRunner
{
    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"tern: {e.Message}");
            Console.Error.WriteLine("Try 'tern --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (MigrationStreamException e)
        {
            Console.Error.WriteLine($"tern: cannot read the migration stream {e.Message}");
            return ExitCodes.Unreadable;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"tern: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            Console.Error.WriteLine($"tern: {e.Message}");
            return ExitCodes.Unreadable;
        }
    }
}
