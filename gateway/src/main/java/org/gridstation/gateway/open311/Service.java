package org.gridstation.gateway.open311;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.gridstation.protocol.event.Category;

/**
 * A GeoReport v2 service: one per request category. Services have no extra attributes
 * ({@code metadata} false) and requests are created at once ({@code type} realtime).
 */
public record Service(@JsonProperty("service_code") String serviceCode,
        @JsonProperty("service_name") String serviceName, @JsonProperty("description") String description,
        @JsonProperty("metadata") boolean metadata, @JsonProperty("type") String type,
        @JsonProperty("keywords") String keywords, @JsonProperty("group") String group) {

    /** The services, in the protocol's category order, labelled in {@code lang}. */
    public static List<Service> all(String lang) {
        return java.util.Arrays.stream(Category.values()).map(c -> of(c, lang)).toList();
    }

    static Service of(Category c, String lang) {
        boolean en = "en".equals(lang);
        String[] d = details(c);
        return new Service(c.wire(), c.label(lang), en ? d[1] : d[0], false, "realtime", en ? d[3] : d[2],
                en ? d[5] : d[4]);
    }

    /** zh description, en description, zh keywords, en keywords, zh group, en group. */
    private static String[] details(Category c) {
        return switch (c) {
            case LEGAL_ADVICE -> new String[] {"法律咨询，由站点值班律师或党员志愿者解答", "Legal advice from the station's lawyer or volunteers",
                "法律,咨询,合同,继承", "law,advice,contract,inheritance", "法治与议事", "Law and deliberation"};
            case DISPUTE_MEDIATION -> new String[] {"邻里、家庭、土地等矛盾纠纷调解", "Mediation of disputes between neighbours, families, over land",
                "纠纷,调解,邻里,土地", "dispute,mediation,neighbours,land", "法治与议事", "Law and deliberation"};
            case DELIBERATION -> new String[] {"提请村民议事会商议的事项", "A matter for the villagers' deliberation meeting",
                "议事,协商,村务", "deliberation,village affairs", "法治与议事", "Law and deliberation"};
            case ERRAND -> new String[] {"代办社保、医保、证照等事项", "Errands: social and health insurance, certificates",
                "代办,社保,医保,证件", "errand,insurance,certificate", "便民服务", "Services"};
            case POLICY -> new String[] {"惠农、养老、低保等政策咨询", "Questions on farming subsidies, pensions, welfare",
                "政策,补贴,养老,低保", "policy,subsidy,pension,welfare", "便民服务", "Services"};
            case STREET_ORDER -> new String[] {"乱搭乱建、占道、车辆乱停等", "Illegal building, blocked roads, parking",
                "占道,违建,停车", "street,building,parking", "人居环境", "Living environment"};
            case ENVIRONMENT -> new String[] {"垃圾、污水、河道、卫生等", "Rubbish, sewage, rivers, sanitation",
                "垃圾,污水,河道,卫生", "rubbish,sewage,river,sanitation", "人居环境", "Living environment"};
            case SAFETY_HAZARD -> new String[] {"消防、用电、危房、道路等安全隐患", "Fire, electrical, building and road hazards",
                "安全,隐患,消防,危房", "safety,hazard,fire,building", "安全", "Safety"};
            case VULNERABLE_HELP -> new String[] {"独居老人、留守儿童、残疾人等关爱帮扶", "Help for elderly people living alone, children, the disabled",
                "关爱,帮扶,老人,儿童", "care,elderly,children,disabled", "关爱帮扶", "Care"};
            case OTHER -> new String[] {"其他诉求", "Anything else", "其他", "other", "其他", "Other"};
        };
    }
}
