import { useEffect, useState } from "react";

import { fetchLeadSettings, type LeadSettings } from "./lead-api.ts";

/**
 * The site's lead settings, read when the results appear; undefined
 * until they arrive. Reading fails safe to results-first.
 */
export function useLeadSettings(): LeadSettings | undefined {
  const [settings, setSettings] = useState<LeadSettings>();

  useEffect(() => {
    let current = true;
    void fetchLeadSettings().then((read) => {
      if (current) setSettings(read);
    });
    return () => {
      current = false;
    };
  }, []);

  return settings;
}
