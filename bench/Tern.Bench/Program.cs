using BenchmarkDotNet.Running;
using Tern.Bench;

// `dotnet run -c Release --project bench/Tern.Bench -- --filter '*'` runs the benchmarks;
// `... -- make-large-stream --out FILE [--size 2G] [--template NAME] [--seed N]` writes a large stream.
// `... -- probe json|summary|decode FILE [--repeat N]` prints JIT, GC and allocation figures per run.
if (args.Length > 0 && args[0] == "make-large-stream") return MakeLargeStream.Run(args[1..]);
if (args.Length > 0 && args[0] == "probe") return Probe.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args);
return 0;
