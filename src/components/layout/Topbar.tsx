import { SiteAnnouncement } from "./SiteAnnouncement";
import { TopbarFrame } from "./TopbarFrame";

// The same HTML for every visitor (so / and /explore can be served from the page cache): the
// account area and the signed-in links are client islands filled in from GET /api/me; the
// operator's announcement is read here, on the server.
export function Topbar() {
  return (
    <TopbarFrame>
      <SiteAnnouncement />
    </TopbarFrame>
  );
}
