namespace Tern.Fuzz;

/// <summary>
/// One input door of Tern under fuzzing. <see cref="Execute"/> feeds the input to Tern; <see cref="IsOwnError"/>
/// says which exceptions are the door's documented refusals. Any other exception is a bug (a crash for AFL).
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name <c>scripts/fuzz.sh</c> and the regression corpus folder use.</summary>
    string Name { get; }

    /// <summary>What the target feeds the input to.</summary>
    string Description { get; }

    /// <summary>Runs Tern on <paramref name="input"/>; throws whatever Tern throws.</summary>
    void Execute(byte[] input);

    /// <summary>True when <paramref name="error"/> is one of the refusals the door promises (a clean result).</summary>
    bool IsOwnError(Exception error);
}
