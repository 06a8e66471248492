async (script, wasm) => {
  const islands = document.querySelectorAll("leptos-island");
  if (islands.length > 0) {
    const bundle = await import(script);
    await bundle.default({ module_or_path: wasm });
    bundle.hydrate();
    for (const island of islands) {
      const hydrate = bundle[island.dataset.component];
      if (hydrate) {
        await hydrate(island);
      } else {
        console.error(`civicdesk: no code for the island ${island.dataset.component}`);
      }
    }
  }
  document.documentElement.setAttribute("data-hydrated", "");
}
