// Small browser helpers called through JS interop. Behaviour lives in C#; these only touch the page.
window.befree = {
    titleCount: 0,
    titleObserver: null,

    /** Puts the count in front of whatever the page's title is, e.g. "(3) Queue · BeFree". */
    applyTitle: () => {
        const base = document.title.replace(/^\(\d+\)\s*/, "");
        const wanted = window.befree.titleCount > 0 ? `(${window.befree.titleCount}) ${base}` : base;
        if (document.title !== wanted) document.title = wanted;
    },

    /** The number of things needing attention, in the tab title; kept there when a page sets its own title. */
    setTitleCount: (count) => {
        window.befree.titleCount = count;
        window.befree.applyTitle();
        if (!window.befree.titleObserver) {
            window.befree.titleObserver = new MutationObserver(() => window.befree.applyTitle());
            window.befree.titleObserver.observe(document.head, { subtree: true, childList: true, characterData: true });
        }
    },

    /** A short two-tone chime made with Web Audio: no sound file to fetch. Returns false if the browser blocked it. */
    chime: () => {
        try {
            const AudioContextType = window.AudioContext || window.webkitAudioContext;
            if (!AudioContextType) return false;
            const context = window.befree.audio || (window.befree.audio = new AudioContextType());
            const now = context.currentTime;
            [660, 880].forEach((frequency, i) => {
                const oscillator = context.createOscillator();
                const gain = context.createGain();
                oscillator.frequency.value = frequency;
                gain.gain.setValueAtTime(0.0001, now + i * 0.18);
                gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
                gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
                oscillator.connect(gain).connect(context.destination);
                oscillator.start(now + i * 0.18);
                oscillator.stop(now + i * 0.18 + 0.17);
            });
            window.befree.chimes = (window.befree.chimes || 0) + 1;
            return true;
        } catch {
            return false;
        }
    },

    /** Per-browser preferences (the sound on/off choice). Nothing sensitive is stored here. */
    getPreference: (key) => window.localStorage.getItem(`befree.${key}`),
    setPreference: (key, value) => window.localStorage.setItem(`befree.${key}`, value),

    print: () => window.print(),

    /** A notification with the fixed words it is given (never a message or a number), if the browser allows it. */
    notify: (title, body) => {
        if (!("Notification" in window) || Notification.permission !== "granted") return;
        new Notification(title, { body, tag: "befree-new-text" });
        window.befree.notifications = (window.befree.notifications || 0) + 1;
    },

    /** Asks the browser once for notifications; true when allowed. */
    requestNotifications: async () => {
        if (!("Notification" in window)) return false;
        if (Notification.permission === "granted") return true;
        if (Notification.permission === "denied") return false;
        return (await Notification.requestPermission()) === "granted";
    },
};

// Buttons marked data-befree-print print the page. A listener here rather than an inline onclick,
// which the Content-Security-Policy (script-src 'self') refuses to run.
document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-befree-print]")) {
        window.print();
    }
});

// Buttons marked data-befree-copy="ID" copy the codes (or text) of the element with that id to the
// clipboard, one per line, and say so in the element marked data-befree-copy-status="ID" (in the page's language:
// its data-copied and data-copy-blocked attributes hold the words).
document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-befree-copy]") : null;
    if (!button) return;
    const id = button.getAttribute("data-befree-copy");
    const source = document.getElementById(id);
    const status = document.querySelector(`[data-befree-copy-status="${id}"]`);
    if (!source) return;
    const codes = [...source.querySelectorAll("code")].map((code) => code.textContent.trim());
    const text = codes.length > 0 ? codes.join("\n") : source.textContent.trim();
    try {
        await navigator.clipboard.writeText(text);
        if (status) status.textContent = status.dataset.copied ?? "Copied.";
    } catch {
        if (status) status.textContent = status.dataset.copyBlocked ?? "Copying was blocked by the browser: select the codes and copy them, or download them.";
    }
});

// The reconnect dialog (Layout/ReconnectModal.razor) in the page's language. Blazor shows its states by classes and
// announces each change; a session the server refused reloads the page, and the buttons retry or resume, as
// Blazor's own dialog does. A failed retry is tried again when the tab comes back into view.
{
    const reconnectModal = document.getElementById("components-reconnect-modal");
    if (reconnectModal) {
        const retryWhenVisible = () => {
            if (document.visibilityState === "visible") reconnectRetry();
        };
        const reconnectRetry = async () => {
            document.removeEventListener("visibilitychange", retryWhenVisible);
            try {
                // true: back; false: the server is there but has no such session any more, which resuming may fix.
                if (!await Blazor.reconnect() && !await Blazor.resumeCircuit()) location.reload();
            } catch {
                document.addEventListener("visibilitychange", retryWhenVisible);
            }
        };
        const reconnectResume = async () => {
            try {
                if (!await Blazor.resumeCircuit()) location.reload();
            } catch {
                reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
            }
        };
        reconnectModal.addEventListener("components-reconnect-state-changed", (event) => {
            if (event.detail.state === "rejected") location.reload();
            if (event.detail.state === "failed") document.addEventListener("visibilitychange", retryWhenVisible);
            if (event.detail.state === "show" || event.detail.state === "hide") document.removeEventListener("visibilitychange", retryWhenVisible);
        });
        reconnectModal.querySelector("[data-befree-reconnect=retry]")?.addEventListener("click", reconnectRetry);
        reconnectModal.querySelector("[data-befree-reconnect=resume]")?.addEventListener("click", reconnectResume);
    }
}

// A reply box marked data-enter-sends="true" (the person's "Enter sends" preference) sends on Enter and keeps
// Shift+Enter for a new line. It presses the box's own Send button, so every rule of sending stays in C#.
document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (!(box instanceof HTMLTextAreaElement) || box.dataset.enterSends !== "true") return;
    event.preventDefault();
    // Picking a canned response after "/": Enter takes the first match instead of sending "/filter".
    const firstMatch = box.closest(".reply-box")?.querySelector("[data-testid=canned-slash-picker] button");
    if (firstMatch instanceof HTMLButtonElement) {
        firstMatch.click();
        return;
    }
    const send = box.closest(".reply-box")?.querySelector("[data-testid=reply-send]");
    if (send instanceof HTMLButtonElement && !send.disabled) send.click();
});

// The system's light or dark setting, remembered in a cookie so the server renders the next page in it. Without
// it, someone on the System colour setting would see each page in light until the page's script reports dark.
(() => {
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const remember = () => {
        const secure = location.protocol === "https:" ? "; Secure" : "";
        document.cookie = `befree-system-scheme=${query.matches ? "dark" : "light"}; path=/; max-age=31536000; SameSite=Strict${secure}`;
    };
    remember();
    query.addEventListener("change", remember);
})();
