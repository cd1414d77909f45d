using Spectre.Console;

namespace Tern.Cli;

/// <summary>
/// The consoles commands hand to the text reports (which render only onto the <see cref="IAnsiConsole"/> they are
/// given): the process's standard output and error as Spectre.Console detects them, or plain text over any writer.
/// </summary>
internal static class Consoles
{
    /// <summary>Standard output: colours, width and Unicode as Spectre.Console detects them (in a pipe: 80 columns, no ANSI).</summary>
    public static IAnsiConsole Stdout => AnsiConsole.Console;

    /// <summary>A console over standard error, detected the same way (progress bars, which must not mix with results on standard output).</summary>
    public static IAnsiConsole Stderr() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>
    /// Plain text over <paramref name="writer"/>: no ANSI sequences, no colour, <paramref name="width"/> columns — what a
    /// report looks like in a pipe (check and inspect get 80 columns there, diff and matrix 160), and what golden tests read.
    /// </summary>
    public static IAnsiConsole Plain(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = width;
        return console;
    }
}
