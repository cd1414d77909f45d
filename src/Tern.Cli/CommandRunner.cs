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
            try
            {
                return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // Parallel work (diff loads both sides at once) wraps the real failure: report that one.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
                throw;
            }
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
        catch (Exception e)
        {
            // Never a stack trace and never exit 0 for something Tern did not foresee.
            Console.Error.WriteLine($"tern: internal error: {e.GetType().Name}: {e.Message} (this is a Tern bug, please report it with the command line)");
            return ExitCodes.InternalError;
        }
    }
}
