/*
 * The tiny static target of `procward bench spawn`: no libc, no dynamic loader, no relocations.
 * _start exits 0 with one system call, so exec'ing it costs the kernel's share of exec only.
 *
 *   cc -static -nostdlib -o true-static true_static.c
 */
#if defined(__x86_64__)
__asm__(".globl _start\n"
        "_start:\n"
        "  mov $60, %eax\n"   /* SYS_exit */
        "  xor %edi, %edi\n"
        "  syscall\n");
#elif defined(__aarch64__)
__asm__(".globl _start\n"
        "_start:\n"
        "  mov x8, #93\n"     /* SYS_exit */
        "  mov x0, #0\n"
        "  svc #0\n");
#else
#error "true_static.c knows x86_64 and aarch64 only"
#endif
