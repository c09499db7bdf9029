import tseslint from "typescript-eslint";
import nextVitals from "eslint-config-next/core-web-vitals";

export default tseslint.config(
  {
    ignores: [
      // Every build directory (.next, and NEXT_DIST_DIR ones such as a bench:ab baseline).
      "**/.next*/**",
      "out/**",
      "out-cap/**",
      ".cap-build/**",
      "data/**",
      "node_modules/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@next/next/no-img-element": "off",
    },
  },
  // Dependency arrows that must never exist (README "Architecture"). Type-only imports are
  // allowed where a layer only needs a shape. A later block replaces an earlier one for the same
  // file, so each block repeats the rules for all of src/lib.
  ...(() => {
    const everywhere = {
      group: ["@/app/*", "@/components/*"],
      message: "services never import pages or UI",
    };
    const arrows = [
      ["src/lib/**", []],
      ["src/lib/gateway/**", [["@/lib/catalog/admin/*"], "the call path must not load admin CRUD"]],
      [
        "src/lib/providers/**",
        [["@/lib/gateway/*", "@/lib/catalog/admin/*"], "adapters know nothing of billing or admin"],
      ],
    ];
    return arrows.map(([files, extra]) => ({
      files: [files],
      rules: {
        "@typescript-eslint/no-restricted-imports": [
          "error",
          {
            patterns: [
              everywhere,
              ...(extra.length ? [{ group: extra[0], message: extra[1] }] : []),
            ].map((p) => ({ ...p, allowTypeImports: true })),
          },
        ],
      },
    }));
  })(),
);
