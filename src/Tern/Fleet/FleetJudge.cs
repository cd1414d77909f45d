using System.Collections.Concurrent;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// The engine of <c>tern check</c> (<see cref="Predictor.Predict"/>) over fleet hosts, with one verdict per equivalence
/// class: a VM configuration (<see cref="VmOptions.ClassKey"/>) from one class of host (<see cref="FleetHost.ClassKey"/>)
/// to another is judged once, whatever the number of VMs and hosts in those classes.
/// </summary>
public sealed class FleetJudge(Predictor predictor)
{
    private readonly ConcurrentDictionary<(string Vm, string From, string To), Lazy<Verdict>> _verdicts = new();
    private int _calls;

    /// <summary>Predictions made so far (distinct class triples).</summary>
    public int EngineCalls => Volatile.Read(ref _calls);

    /// <summary>The verdict for a VM with <paramref name="options"/> moving from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Verdict Judge(HostSpec options, FleetHost from, FleetHost to) => Judge(options, VmOptions.ClassKey(options), from, to);

    /// <summary>As <see cref="Judge(HostSpec, FleetHost, FleetHost)"/> with the options' class key already known.</summary>
    public Verdict Judge(HostSpec options, string optionsKey, FleetHost from, FleetHost to)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return _verdicts.GetOrAdd((optionsKey, from.ClassKey, to.ClassKey), _ => new Lazy<Verdict>(() =>
        {
            Interlocked.Increment(ref _calls);
            return predictor.Predict(from.Spec(options), to.Spec(options));
        })).Value;
    }
}
