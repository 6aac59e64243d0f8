// The web workspace: asks the API what the store holds (real data, the synthetic demo or both), then
// shows the page the URL names. The demo is used when the store has no real data, or when the URL says
// ?demo=1; every page then carries the synthetic-data banner.
import { render } from "preact";
import { useEffect } from "preact/hooks";
import { getJson, isDemoMode, setDemoMode } from "./api.ts";
import { ErrorSummary, fromApiError } from "./components/ErrorSummary.tsx";
import { Layout } from "./components/Layout.tsx";
import { AreaOverview } from "./pages/AreaOverview.tsx";
import { Funding } from "./pages/Funding.tsx";
import { FindPractice } from "./pages/FindPractice.tsx";
import { Home } from "./pages/Home.tsx";
import { NetworkStudio } from "./pages/NetworkStudio.tsx";
import { Neighbourhoods } from "./pages/Neighbourhoods.tsx";
import { NotFound } from "./pages/NotFound.tsx";
import { Practice } from "./pages/Practice.tsx";
import { Scenarios } from "./pages/Scenarios.tsx";
import { PlanList } from "./pages/PlanList.tsx";
import { PlanPage } from "./pages/Plan.tsx";
import { SignIn } from "./pages/SignIn.tsx";
import { Workforce } from "./pages/Workforce.tsx";
import { syncActor } from "./plan/actor.ts";
import { loadSession, signOut, useSession, type Session } from "./session.ts";
import { Link, useLocation } from "./router.tsx";
import { matchRoute, paths, type Route } from "./routes.ts";
import type { Health } from "./types.ts";
import { useApi } from "./use-api.ts";
import "./app.css";

const TITLES: Record<Route["page"], string> = {
  home: "England at a glance",
  icb: "ICB overview",
  place: "Place overview",
  find: "Find a practice",
  practice: "Practice",
  studio: "Network studio",
  neighbourhoods: "Neighbourhoods and community hubs",
  workforce: "Workforce",
  funding: "Funding",
  scenarios: "Scenarios",
  plans: "Primary care plans",
  plan: "Primary care plan",
  "sign-in": "Sign in",
  "not-found": "Page not found",
};

function Page({ route, query }: { route: Route; query: URLSearchParams }) {
  switch (route.page) {
    case "home":
      return <Home />;
    case "icb":
      return <AreaOverview kind="icb" code={route.code} key={`icb:${route.code}`} />;
    case "place":
      return <AreaOverview kind="place" code={route.code} key={`place:${route.code}`} />;
    case "find":
      return <FindPractice q={query.get("q") ?? ""} />;
    case "practice":
      return <Practice code={route.code} key={route.code} />;
    case "studio":
      return <NetworkStudio kind={route.kind} code={route.code} key={`${route.kind}:${route.code}`} />;
    case "neighbourhoods":
      return <Neighbourhoods kind={route.kind} code={route.code} key={`nbh:${route.kind}:${route.code}`} />;
    case "workforce":
      return <Workforce code={route.code} key={`workforce:${route.code}`} />;
    case "funding":
      return <Funding code={route.code} key={`funding:${route.code}`} />;
    case "scenarios": {
      const code = route.code ?? query.get("icb");
      return code ? (
        <Scenarios code={code} query={query} key={`scenarios:${code}`} />
      ) : (
        <NotFound path="/scenarios without an ICB (add ?icb=CODE)" />
      );
    }
    case "plans":
      return <PlanList />;
    case "plan":
      return <PlanPage name={route.name} tab={route.tab} key={`plan:${route.name}`} />;
    case "sign-in":
      return <SignedIn />;
    case "not-found":
      return <NotFound path={route.path} />;
  }
}

/** /sign-in once signed in (or on a server without login). */
function SignedIn() {
  const session = useSession();
  return (
    <>
      <h1>Sign in</h1>
      <p id="signed-in">
        {session?.mode === "login"
          ? `You are signed in as ${session.user?.displayName ?? "?"}.`
          : "This server runs without login: you are its one local user."}{" "}
        <Link href={paths.home()}>Go to England and ICBs</Link>.
      </p>
    </>
  );
}

/** The header's account entry: on a server with login, who is signed in and the sign-out link. */
const accountOf = (session: Session | null) =>
  session?.mode === "login" && session.user
    ? {
        displayName: session.user.displayName,
        roles: session.user.roles,
        onSignOut: () => void signOut(),
      }
    : undefined;

function App() {
  const where = useLocation();
  const session = useSession();
  const loaded = useApi(() => loadSession(), "session");
  useEffect(() => syncActor(session), [session?.user?.name ?? null]);
  const health = useApi(async () => {
    const h = await getJson<Health>("health");
    const asked = new URLSearchParams(location.search).get("demo");
    setDemoMode(asked === "1" || asked === "true" || (h.datasets.real === 0 && h.datasets.demo > 0));
    return h;
  }, "health");
  const route = matchRoute(where.path);
  // A server with login and no session for this browser: the sign-in page, whatever the URL asked for
  // (shown once signed in).
  const signingIn = session?.mode === "login" && !session.user;
  useEffect(() => {
    const title = signingIn ? "Sign in" : TITLES[route.page];
    document.title = `${title} – icsplan${isDemoMode() ? " (synthetic demo)" : ""}`;
  }, [where.key, health.data, signingIn]);
  if (signingIn)
    return (
      <Layout synthetic={false} routeKey="sign-in">
        <SignIn />
      </Layout>
    );
  if (!session && !loaded.error)
    return (
      <Layout synthetic={false} routeKey="loading">
        <p>Loading…</p>
      </Layout>
    );
  if (!health.data)
    return (
      <Layout synthetic={false} routeKey="loading">
        {health.error ? <ErrorSummary errors={[fromApiError(health.error)]} /> : <p>Loading…</p>}
      </Layout>
    );
  const empty = health.data.datasets.real + health.data.datasets.demo === 0;
  return (
    <Layout synthetic={isDemoMode()} routeKey={where.key} account={accountOf(session)}>
      {empty ? (
        <div class="nhsuk-inset-text">
          <p>{health.data.hint ?? "No data is loaded."}</p>
        </div>
      ) : (
        <Page route={route} query={where.query} />
      )}
    </Layout>
  );
}

render(<App />, document.getElementById("app")!);
