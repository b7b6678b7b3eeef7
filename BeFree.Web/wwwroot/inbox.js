// The inbox's browser side: it reports key presses and the thread's scroll position, and scrolls when told.
// Every decision (which key does what, whether to follow the thread) is made in C# (InboxShortcuts, ThreadFollow),
// except keeping a followed thread at its bottom when its pane is resized, which must happen before the next paint.

const typingTags = ["INPUT", "TEXTAREA", "SELECT"];

/** Reports key presses outside the browser's own (Ctrl/Meta) to the page; returns a handle to stop. */
export function listenForShortcuts(page) {
    const onKey = (e) => {
        if (e.ctrlKey || e.metaKey || e.isComposing || ["Shift", "Alt", "Control", "Meta"].includes(e.key)) return;
        const target = e.target;
        const typing = !!target && (target.isContentEditable || typingTags.includes(target.tagName));
        if (typing && e.key !== "Escape") return; // Text in a field is text: nothing to send to the server.
        if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) e.preventDefault();
        page.invokeMethodAsync("OnShortcutKey", e.key, e.altKey, typing);
    };
    document.addEventListener("keydown", onKey);
    return { stop: () => document.removeEventListener("keydown", onKey) };
}

const nearBottom = (pane) => pane.scrollHeight - pane.scrollTop - pane.clientHeight < 32;

/** Tells the page when the thread pane reaches or leaves its bottom (only on a change, not on every scroll). */
export function followThread(pane, page) {
    let atBottom = nearBottom(pane);
    const onScroll = () => {
        const now = nearBottom(pane);
        if (now !== atBottom) {
            atBottom = now;
            page.invokeMethodAsync("OnThreadScrolled", now);
        }
    };
    pane.addEventListener("scroll", onScroll, { passive: true });
    // The pane shrinks when the reply box below it grows (the "/" picker, a notice) or the window does. The
    // browser keeps scrollTop, which would slide the newest text out of sight while the page still believes
    // it follows the thread; a pane that was at its bottom stays there.
    const onResize = () => { if (atBottom) pane.scrollTop = pane.scrollHeight; };
    const resizes = new ResizeObserver(onResize);
    resizes.observe(pane);
    return {
        stop: () => {
            pane.removeEventListener("scroll", onScroll);
            resizes.disconnect();
        },
    };
}

export function scrollToBottom(pane) {
    if (pane) pane.scrollTop = pane.scrollHeight;
}

export function focusReply(root) {
    const box = (root || document).querySelector("[data-testid=reply-text]");
    if (box && !box.disabled) box.focus();
}

export function leaveField() {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
