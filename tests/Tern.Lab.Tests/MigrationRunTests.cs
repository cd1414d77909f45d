using Tern.Lab.Migration;

namespace Tern.Lab.Tests;

public sealed class MigrationRunTests
{
    private static MigrationRunOptions Options(string arch = "ppc64", bool back = false, MigrationTransport transport = MigrationTransport.File) =>
        new() { LabDir = LabFixture.Require(), Arch = arch, BackHop = back, Transport = transport };

    [Fact]
    public async Task Pseries_5_2_migrates_forward_to_7_2_and_fails_back_on_spapr_iommu_version()
    {
        var src = MigrationSide.Create("5.2", "pseries-5.2");
        var dst = MigrationSide.Create("7.2", "pseries-5.2");

        var result = await MigrationRun.RunAsync(src, dst, Options(back: true), TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.Success, result.Forward.Outcome);
        Assert.Equal(0, result.Forward.Exit);
        Assert.True(result.Forward.StreamBytes > 1_000_000, $"stream bytes {result.Forward.StreamBytes}");
        Assert.NotNull(result.Back);
        Assert.Equal(MigrationOutcome.LoadFailed, result.Back.Outcome);
        Assert.Equal(1, result.Back.Exit);
        Assert.Contains("qemu-system-ppc64: savevm: unsupported version 3 for 'spapr_iommu' v2", result.Back.Stderr);
        Assert.Equal("qemu-system-ppc64: load of migration failed: Invalid argument", result.Back.Stderr[^1]);
    }

    [Fact]
    public async Task Pseries_7_2_to_5_2_fails_with_the_spapr_iommu_message_over_a_unix_socket()
    {
        var src = MigrationSide.Create("7.2", "pseries-5.2");
        var dst = MigrationSide.Create("5.2", "pseries-5.2");

        var result = await MigrationRun.RunAsync(src, dst, Options(transport: MigrationTransport.Unix), TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.LoadFailed, result.Forward.Outcome);
        Assert.Equal(1, result.Forward.Exit);
        Assert.Contains("qemu-system-ppc64: savevm: unsupported version 3 for 'spapr_iommu' v2", result.Forward.Stderr);
    }

    [Fact]
    public async Task A_cap_cfpc_fixed_source_is_refused_by_a_default_destination()
    {
        var src = MigrationSide.Create("7.2", "pseries-7.2,cap-cfpc=fixed");
        var dst = MigrationSide.Create("7.2", "pseries-7.2");

        var result = await MigrationRun.RunAsync(src, dst, Options(), TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.LoadFailed, result.Forward.Outcome);
        Assert.Contains("qemu-system-ppc64: cap-cfpc higher level (2) in incoming stream than on destination (1)", result.Forward.Stderr);
    }

    [Fact]
    public async Task Virt_cortex_a57_from_5_2_to_10_0_2_fails_on_the_cpu_registers()
    {
        var src = MigrationSide.Create("5.2", "virt-5.2", "cortex-a57");
        var dst = MigrationSide.Create("10.0.2", "virt-5.2", "cortex-a57");

        var result = await MigrationRun.RunAsync(src, dst, Options("aarch64"), TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.LoadFailed, result.Forward.Outcome);
        Assert.Equal(1, result.Forward.Exit);
        Assert.Equal("qemu-system-aarch64: load of migration failed: Operation not permitted", result.Forward.Stderr[^1]);
    }

    [Fact]
    public async Task With_exit_on_error_false_a_10_0_destination_stays_up_and_reports_the_failure_in_query_migrate()
    {
        var src = MigrationSide.Create("10.0.13", "pseries-10.0");
        var dst = MigrationSide.Create("10.0.2", "pseries-10.0");

        var result = await MigrationRun.RunAsync(src, dst, Options() with { ExitOnError = false }, TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.LoadFailed, result.Forward.Outcome);
        Assert.False(string.IsNullOrEmpty(result.Forward.ErrorDescription));
        Assert.Equal(0, result.Forward.Exit); // it did not exit on the error: Tern ended it with quit
    }

    [Fact]
    public async Task A_source_that_refuses_its_command_line_is_recorded_as_source_start_failed()
    {
        var src = MigrationSide.Create("7.2", "pseries-7.2,cap-htm=on");
        var dst = MigrationSide.Create("7.2", "pseries-7.2");

        var result = await MigrationRun.RunAsync(src, dst, Options(), TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.SourceStartFailed, result.Forward.Outcome);
        Assert.Equal(1, result.Forward.Exit);
        Assert.Equal(["qemu-system-ppc64: No Transactional Memory support in TCG", "Try appending -machine cap-htm=off"], result.Forward.Stderr);
    }

    [Fact]
    public async Task A_destination_killed_by_SIGSEGV_while_loading_is_recorded_as_crashed_with_its_signal()
    {
        var src = MigrationSide.Create("7.2", "pseries-7.2");
        var dst = MigrationSide.Create("7.2", "pseries-7.2");
        var options = Options(transport: MigrationTransport.Unix) with
        {
            DuringLoad = async p =>
            {
                p.Signal(11);
                await p.Exited.WaitAsync(TimeSpan.FromSeconds(10));
            },
        };

        var result = await MigrationRun.RunAsync(src, dst, options, TestContext.Current.CancellationToken);

        Assert.Equal(MigrationOutcome.DestinationCrashed, result.Forward.Outcome);
        Assert.Equal(11, result.Forward.Signal);
        Assert.Equal(-11, result.Forward.Exit);
    }
}
