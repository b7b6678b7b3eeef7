// Small browser helpers called through JS interop. Kept tiny: behaviour lives in C#.
window.befree = {
    setTitle: (title) => { document.title = title; },
};
