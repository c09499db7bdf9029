// Rendered on every request, as the app's feed pages are on a page-cache miss.
export const dynamic = "force-dynamic";

export default async function Page() {
  return (
    <main>
      <h1>广场</h1>
      <p>{new Date().toISOString()}</p>
    </main>
  );
}
