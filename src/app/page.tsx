import { listAssets } from "@/lib/assets/gallery";

export const dynamic = "force-dynamic";

export default async function Home() {
  const { items } = await listAssets({ type: "all", sort: "hot", limit: 20 }, null);
  return (
    <main className="p-4">
      <h1 className="text-xl font-semibold">广场</h1>
      <ul>{items.map((a) => <li key={a.id}>{a.title}</li>)}</ul>
    </main>
  );
}
