using System.Text;
using Tern.Platforms;

namespace Tern.Tests.Platforms;

public sealed class CommandLineFileTests
{
    // The shape libvirt writes (tests/qemuxmlconfdata/*.args): environment, program, one option per line with
    // backslash-newline continuations, JSON in single quotes. Written for this test, not copied.
    private const string LibvirtArgs = """
        LC_ALL=C \
        PATH=/usr/bin:/bin \
        HOME=/var/lib/libvirt/qemu/domain-3-vm1 \
        XDG_CONFIG_HOME=/var/lib/libvirt/qemu/domain-3-vm1/.config \
        /usr/bin/qemu-system-ppc64 \
        -name guest=vm1,debug-threads=on \
        -S \
        -machine pseries-9.2,usb=off,dump-guest-core=off \
        -accel tcg \
        -cpu POWER10 \
        -m size=1048576k \
        -object '{"qom-type":"memory-backend-ram","id":"spapr.ram","size":1073741824}' \
        -smp 2,sockets=2,cores=1,threads=1 \
        -device '{"driver":"spapr-vty","chardev":"charserial0","id":"serial0","reg":"0x30000000"}' \
        -msg timestamp=on

        """;

    [Fact]
    public void A_libvirt_args_file_gives_the_options_after_the_program_without_the_environment()
    {
        var cmd = CommandLineFile.Parse(LibvirtArgs);

        Assert.Equal(["LC_ALL", "PATH", "HOME", "XDG_CONFIG_HOME"], cmd.Environment.Select(e => e.Key));
        Assert.Equal("/usr/bin:/bin", cmd.Environment[1].Value);
        Assert.Equal("/usr/bin/qemu-system-ppc64", cmd.Program);
        Assert.Equal("-name", cmd.Arguments[0]);
        Assert.Equal("guest=vm1,debug-threads=on", cmd.Arguments[1]);
        Assert.Equal("-S", cmd.Arguments[2]);
        Assert.Equal("""{"qom-type":"memory-backend-ram","id":"spapr.ram","size":1073741824}""", cmd.Arguments[cmd.Arguments.ToList().IndexOf("-object") + 1]);
        Assert.Equal("timestamp=on", cmd.Arguments[^1]);
        Assert.Equal(19, cmd.Arguments.Count); // ten options, nine with a value
    }

    [Fact]
    public void The_arguments_parse_as_a_host_spec_with_the_machine_cpu_memory_and_vcpus()
    {
        var spec = HostSpecParser.FromArguments("10.0.13", CommandLineFile.Parse(LibvirtArgs).Arguments);

        Assert.Equal("pseries-9.2", spec.Machine);
        Assert.Equal("POWER10", spec.Cpu);
        Assert.Equal(1UL << 30, spec.MemoryBytes);
        Assert.Equal(2, spec.Cpus);
        Assert.Contains("-machine usb=off", spec.Unmodelled);
    }

    [Fact]
    public void A_proc_cmdline_copy_is_split_on_NUL_bytes_and_keeps_spaces_and_quotes_inside_arguments()
    {
        var bytes = Encoding.UTF8.GetBytes("/usr/bin/qemu-system-aarch64\0-machine\0virt-10.0,gic-version=3\0-name\0my 'vm'\0-cpu\0cortex-a57\0");

        var cmd = CommandLineFile.Parse(bytes);

        Assert.Empty(cmd.Environment);
        Assert.Equal("/usr/bin/qemu-system-aarch64", cmd.Program);
        Assert.Equal(["-machine", "virt-10.0,gic-version=3", "-name", "my 'vm'", "-cpu", "cortex-a57"], cmd.Arguments);
    }

    [Fact]
    public void A_quote_inside_single_quotes_is_written_as_libvirt_escapes_it()
    {
        var cmd = CommandLineFile.Parse("/usr/bin/qemu-system-ppc64 -name 'guest=it'\\''s,debug-threads=on' -m 512\n");

        Assert.Equal(["-name", "guest=it's,debug-threads=on", "-m", "512"], cmd.Arguments);
    }

    [Fact]
    public void Double_quotes_and_backslash_escapes_are_read_as_a_shell_reads_them()
    {
        var cmd = CommandLineFile.Parse("-name \"a \\\"b\\\" c\" -m 1G\\\n -smp 2 x\\ y");

        Assert.Null(cmd.Program);
        Assert.Equal(["-name", "a \"b\" c", "-m", "1G", "-smp", "2", "x y"], cmd.Arguments);
    }

    [Fact]
    public void An_assignment_after_the_program_is_an_argument_not_environment()
    {
        var cmd = CommandLineFile.Parse("A=1 qemu-system-ppc64 B=2 -S");

        Assert.Single(cmd.Environment);
        Assert.Equal(["B=2", "-S"], cmd.Arguments);
    }

    [Theory]
    [InlineData("-name 'unterminated", "line 1: unterminated single quote")]
    [InlineData("-m 1\n-name \"open", "line 2: unterminated double quote")]
    [InlineData("   \n", "empty command line")]
    [InlineData("A=1 B=2", "only environment assignments")]
    public void A_broken_file_is_one_clear_error(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => CommandLineFile.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_names_the_file_in_its_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "-name 'x");
            var e = Assert.Throws<FormatException>(() => CommandLineFile.Read(path));
            Assert.StartsWith(path + ": line 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
