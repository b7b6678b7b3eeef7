// <passkey-submit> sits inside a form next to a submit button named __passkeySubmit. Pressing the
// button asks the browser for a passkey (create or get, with options from the server) and submits
// the form with the browser's answer as <name>.CredentialJson, or <name>.Error when there is none.
// The server verifies everything; this only carries the WebAuthn ceremony. Its own messages come from the element's
// attributes (not-supported, not-used, server-error with {0} for the status), written in the page's language.
const supportsPasskeys =
    typeof navigator.credentials !== "undefined" &&
    typeof window.PublicKeyCredential !== "undefined" &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

async function fetchOptions(url, form, signal, serverError) {
    const token = new FormData(form).get("__RequestVerificationToken");
    const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "RequestVerificationToken": token ?? "" },
        signal,
    });
    if (!response.ok) {
        throw new Error((serverError ?? "The server answered {0}.").replace("{0}", response.status));
    }
    return await response.json();
}

customElements.define("passkey-submit", class extends HTMLElement {
    static formAssociated = true;

    connectedCallback() {
        this.internals = this.attachInternals();
        const form = this.internals.form;
        if (!form || form.dataset.passkeyBound) {
            return;
        }
        form.dataset.passkeyBound = "true";
        form.addEventListener("submit", (event) => {
            if (event.submitter?.name === "__passkeySubmit") {
                event.preventDefault();
                this.obtainAndSubmit();
            }
        });
    }

    disconnectedCallback() {
        this.abortController?.abort();
    }

    async obtainCredential(signal) {
        if (!supportsPasskeys) {
            throw new Error(this.getAttribute("not-supported") ?? "This browser cannot use passkeys. Update it, or use another browser.");
        }
        const form = this.internals.form;
        if (this.getAttribute("operation") === "Create") {
            const options = PublicKeyCredential.parseCreationOptionsFromJSON(await fetchOptions("/Account/PasskeyCreationOptions", form, signal, this.getAttribute("server-error")));
            return await navigator.credentials.create({ publicKey: options, signal });
        }
        const options = PublicKeyCredential.parseRequestOptionsFromJSON(await fetchOptions("/Account/PasskeyRequestOptions", form, signal, this.getAttribute("server-error")));
        return await navigator.credentials.get({ publicKey: options, signal });
    }

    async obtainAndSubmit() {
        this.abortController?.abort();
        this.abortController = new AbortController();
        const name = this.getAttribute("name");
        const data = new FormData();
        try {
            const credential = await this.obtainCredential(this.abortController.signal);
            data.append(`${name}.CredentialJson`, JSON.stringify(credential));
        } catch (error) {
            if (error.name === "AbortError") {
                return;
            }
            data.append(`${name}.Error`, error.name === "NotAllowedError"
                ? this.getAttribute("not-used") ?? "The passkey was not used (cancelled or timed out)."
                : error.message);
        }
        this.internals.setFormValue(data);
        this.internals.form.submit();
    }
});
