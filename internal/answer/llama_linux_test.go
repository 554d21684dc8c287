package answer

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes the kernel kill the server when the test process dies,
// even when it is killed itself (a test timeout) before its cleanups run.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
