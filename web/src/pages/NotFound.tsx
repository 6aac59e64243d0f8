// A path that is no page of the app.
import { Link } from "../router.tsx";
import { paths } from "../routes.ts";

export function NotFound({ path }: { path: string }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at {path}.</p>
      <p>
        Go to <Link href={paths.home()}>England and the ICBs</Link> or{" "}
        <Link href={paths.find()}>find a practice</Link>.
      </p>
    </>
  );
}
