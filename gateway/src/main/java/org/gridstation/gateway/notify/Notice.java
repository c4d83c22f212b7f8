package org.gridstation.gateway.notify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a leader or a department must hear about: an incident filed, climbing the ladder,
 * overdue, whistled to departments, reopened. No villager's personal data goes in it.
 *
 * @param incidentId the incident, if it is about one
 * @param kind what happened, e.g. {@code escalated}
 * @param title one line, zh-CN
 * @param text a few lines, zh-CN
 * @param gridIds the grids that answer for it now; their webhooks receive it
 * @param departmentIds the departments concerned; their webhooks receive it
 * @param incident a public summary of the incident for the generic JSON body
 */
public record Notice(Optional<String> incidentId, String kind, String title, String text, List<String> gridIds,
        List<String> departmentIds, Map<String, Object> incident) {
    public Notice {
        Objects.requireNonNull(incidentId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(title);
        Objects.requireNonNull(text);
        gridIds = List.copyOf(gridIds);
        departmentIds = List.copyOf(departmentIds);
        incident = Map.copyOf(incident);
    }
}
