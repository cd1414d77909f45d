using Tern.Lab.Captures;
using Tern.Platforms;

namespace Tern.Lab.Tests;

/// <summary>
/// What a configuration capture starts QEMU with: devices kept as given, host back ends replaced by null ones of the
/// same shape, process and display options dropped, TCG and paused. No QEMU runs here.
/// </summary>
public sealed class CaptureArgumentsTests
{
    private static List<string> For(string spec, string machine = "pseries-10.0", string cpu = "power10_v2.0") =>
        CaptureArguments.For(HostSpecParser.Parse(spec), machine, cpu);

    [Fact]
    public void Devices_are_kept_and_a_tap_netdev_becomes_a_hub_port_with_the_same_id()
    {
        var args = For("qemu-10.0.13 -machine pseries -device virtio-net-pci,netdev=n0,addr=5 -netdev tap,id=n0,ifname=tap0,vhost=on");
        Assert.Equal(["-machine", "pseries-10.0", "-device", "virtio-net-pci,netdev=n0,addr=5", "-netdev", "hubport,id=n0,hubid=0", "-display", "none", "-accel", "tcg", "-S"], args);
    }

    [Fact]
    public void A_user_netdev_is_kept_because_its_slirp_state_migrates()
    {
        var args = For("qemu-10.0.13 -netdev user,id=n0");
        Assert.Equal("user,id=n0", args[args.IndexOf("-netdev") + 1]);
    }

    [Fact]
    public void Libvirt_json_devices_and_blockdevs_keep_their_syntax_and_node_names()
    {
        var args = For("""qemu-10.0.13 -blockdev '{"driver":"file","filename":"/var/lib/libvirt/images/a.qcow2","node-name":"libvirt-1-storage","auto-read-only":true,"discard":"unmap"}' -blockdev '{"node-name":"libvirt-1-format","read-only":false,"driver":"qcow2","file":"libvirt-1-storage"}' -device '{"driver":"virtio-blk-pci","bus":"pci.0","addr":"0x4","drive":"libvirt-1-format","id":"virtio-disk0"}'""");
        Assert.Equal("""{"driver":"null-co","node-name":"libvirt-1-storage","auto-read-only":true}""", args[1]);
        Assert.Equal("""{"node-name":"libvirt-1-format","read-only":false,"driver":"raw","file":"libvirt-1-storage"}""", args[3]);
        Assert.Equal("""{"driver":"virtio-blk-pci","bus":"pci.0","addr":"0x4","drive":"libvirt-1-format","id":"virtio-disk0"}""", args[5]);
    }

    [Fact]
    public void A_drive_keeps_its_interface_and_id_and_loses_its_file()
    {
        var args = For("qemu-10.0.13 -drive file=/srv/disk.qcow2,format=qcow2,if=none,id=d0,cache=none");
        Assert.Equal("if=none,id=d0,driver=null-co", args[args.IndexOf("-drive") + 1]);
    }

    [Fact]
    public void Memory_backends_keep_id_and_size_and_lose_the_host_path()
    {
        var args = For("""qemu-10.0.13 -object '{"qom-type":"memory-backend-file","id":"ppc_spapr.ram","mem-path":"/dev/hugepages/libvirt","prealloc":true,"size":2147483648}' -machine pseries-10.0,memory-backend=ppc_spapr.ram""");
        Assert.Equal("""{"qom-type":"memory-backend-ram","id":"ppc_spapr.ram","size":2147483648}""", args[args.IndexOf("-object") + 1]);
        Assert.Equal("pseries-10.0,memory-backend=ppc_spapr.ram", args[args.IndexOf("-machine") + 1]);
    }

    [Fact]
    public void Kvm_becomes_tcg_and_the_host_cpu_becomes_the_model_it_resolved_to()
    {
        var args = For("qemu-10.0.13 -machine pseries-10.0,accel=kvm,usb=off -cpu host -enable-kvm", cpu: "power9_v2.2");
        Assert.Equal("pseries-10.0,usb=off", args[args.IndexOf("-machine") + 1]);
        Assert.Equal("power9_v2.2", args[args.IndexOf("-cpu") + 1]);
        Assert.DoesNotContain("-enable-kvm", args);
        Assert.Equal(["-accel", "tcg", "-S"], args[^3..]);
    }

    [Fact]
    public void Process_monitor_and_display_options_are_dropped_and_chardevs_become_null()
    {
        var args = For("qemu-10.0.13 -name guest=web1,debug-threads=on -daemonize -pidfile /run/x.pid -chardev socket,id=charmonitor,fd=30,server=on,wait=off -mon chardev=charmonitor,id=monitor,mode=control -serial pty -vnc 0.0.0.0:0 -sandbox on");
        Assert.Equal(["-name", "guest=web1,debug-threads=on", "-chardev", "null,id=charmonitor", "-serial", "null", "-machine", "pseries-10.0", "-display", "none", "-accel", "tcg", "-S"], args);
    }

    [Fact]
    public void A_user_netdev_loses_its_host_forwards_and_the_capture_never_loads_plugins_or_writes_config()
    {
        var args = For("qemu-10.0.13 -netdev user,id=n0,hostfwd=tcp::2222-:22,smb=/srv -plugin file=/opt/x.so -writeconfig /tmp/out.cfg -audiodev pa,id=snd0,server=/run/pulse");
        Assert.Equal("user,id=n0", args[args.IndexOf("-netdev") + 1]);
        Assert.Equal("none,id=snd0", args[args.IndexOf("-audiodev") + 1]);
        Assert.DoesNotContain("-plugin", args);
        Assert.DoesNotContain("-writeconfig", args);
    }

    [Fact]
    public void Keyval_escaped_commas_survive_the_round_trip()
    {
        var args = For("qemu-10.0.13 -device virtio-net-pci,netdev=n0,romfile=/a,,b.rom");
        Assert.Equal("virtio-net-pci,netdev=n0,romfile=/a,,b.rom", args[args.IndexOf("-device") + 1]);
    }

    [Fact]
    public void An_option_value_that_is_broken_json_is_a_format_error_naming_it()
    {
        var e = Assert.Throws<FormatException>(() => For("qemu-10.0.13 -object '{\"qom-type\":'"));
        Assert.Contains("not a JSON object", e.Message, StringComparison.Ordinal);
    }
}
