package org.gridstation.gateway.town;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.gridstation.gateway.GatewayApp;
import org.gridstation.gateway.incident.Departments;
import org.gridstation.protocol.Role;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * Seeds a fictional town shaped like the seeds' towns: 青溪镇 (the town grid, a 督导员), its
 * villages (level 1, each with a 总网格长 and a 网格指导员), two areas per village (level 2,
 * 子网格长 and 网格员) and a party-member service team per area (level 3, 志愿者); one station per
 * village for the first {@code stations} villages, each with tonight's night duty 19:00–21:30
 * (required 2, two or three volunteers). Deterministic, and safe to run again (it adds or replaces).
 */
public final class DemoTown {
    /** The town grid's id. */
    public static final String TOWN_GRID = "qingxi";
    /** The most stations the demo town has (one per village). */
    public static final int MAX_STATIONS = 14;
    private static final String[][] VILLAGES = {
        {"hexing", "和兴村"}, {"fengshou", "丰收村"}, {"dongfang", "东方村"}, {"xiangyang", "向阳村"},
        {"taoyuan", "桃源村"}, {"shuangqiao", "双桥村"}, {"lianhua", "莲花村"}, {"jinsha", "金沙村"},
        {"baihe", "白鹤村"}, {"yangliu", "杨柳村"}, {"changxing", "长兴村"}, {"xinmin", "新民社区"},
        {"hongqi", "红旗村"}, {"qingshan", "青山村"}};

    static {
        assert VILLAGES.length == MAX_STATIONS;
    }
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String[] GIVEN = {"建国", "秀英", "桂兰", "志强", "玉梅", "海燕", "国平", "明华", "春花",
        "德胜", "丽娟", "卫东", "红梅", "永康", "淑珍", "金凤", "立新", "晓明", "美玲", "忠良", "桂芳", "伟", "敏",
        "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "超", "霞", "平", "刚", "文军", "小红", "建华", "凤英"};

    private DemoTown() {
    }

    /**
     * Seeds the town into {@code app} with stations in the first {@code stations} villages (1–14).
     *
     * @return the seeded stations' ids, in village order
     */
    public static List<String> seed(GatewayApp app, int stations) {
        List<String> ids = seed(app.town(), stations);
        for (String[] d : DEPARTMENTS) {
            app.departments().put(new Departments.Department(d[0], d[1], Optional.empty()));
        }
        return ids;
    }

    /** The town centre (a fictional town in the hills of southern China). */
    static final double CENTRE_LAT = 29.612;
    static final double CENTRE_LON = 119.047;

    /** Village {@code v}'s station: spread round the town centre on a spiral, 1–6 km out. */
    static Location location(int v) {
        double angle = Math.toRadians(v * 137.5);
        double km = 1.2 + 0.35 * v;
        double lat = CENTRE_LAT + km * Math.sin(angle) / 111.0;
        double lon = CENTRE_LON + km * Math.cos(angle) / (111.0 * Math.cos(Math.toRadians(CENTRE_LAT)));
        return new Location(Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5);
    }

    /** The town departments a whistle can call. */
    static final String[][] DEPARTMENTS = {
        {"sifasuo", "司法所"}, {"paichusuo", "派出所"}, {"zongzhiban", "综治办"},
        {"chengguan", "城管中队"}, {"minzhengban", "民政办"}, {"yingjiban", "应急办"},
    };

    /** Seeds {@code town} directly; returns the seeded stations' ids in village order. */
    public static List<String> seed(Town town, int stations) {
        if (stations < 1 || stations > VILLAGES.length) {
            throw new IllegalArgumentException("stations must be 1-" + VILLAGES.length);
        }
        Random random = new Random(20261123L);
        List<String> stationIds = new ArrayList<>();
        LocalDate today = town.today();
        town.addGrid(TOWN_GRID, Optional.empty(), "青溪镇");
        town.addPerson("qingxi-supervisor", name(random), Role.SUPERVISOR, TOWN_GRID, phone(random),
                Optional.of("督导全镇网格化工作，协调各职能部门"));
        for (int v = 0; v < VILLAGES.length; v++) {
            String slug = VILLAGES[v][0];
            String village = VILLAGES[v][1];
            String vGrid = "qingxi-" + slug;
            town.addGrid(vGrid, Optional.of(TOWN_GRID), village);
            if (v >= stations) {
                continue;
            }
            List<String> dutyPool = new ArrayList<>();
            town.addPerson(vGrid + "-chief", name(random), Role.GRID_CHIEF, vGrid, phone(random),
                    Optional.of("统筹" + village + "网格工作，村民议事召集人"));
            town.addPerson(vGrid + "-instructor", name(random), Role.INSTRUCTOR, vGrid, phone(random),
                    Optional.of("指导网格党建与矛盾调解"));
            for (int a = 1; a <= 2; a++) {
                String aGrid = vGrid + "-a" + a;
                String area = village + "第" + (a == 1 ? "一" : "二") + "片区";
                town.addGrid(aGrid, Optional.of(vGrid), area);
                town.addPerson(aGrid + "-leader", name(random), Role.SUBGRID_LEADER, aGrid, phone(random),
                        Optional.of("负责" + area + "，每周四接待日"));
                String member = aGrid + "-member";
                town.addPerson(member, name(random), Role.GRID_MEMBER, aGrid, phone(random),
                        Optional.of("信息采集、隐患排查、代办服务"));
                dutyPool.add(member);
                String tGrid = aGrid + "-team";
                town.addGrid(tGrid, Optional.of(aGrid), area + "党员服务队");
                for (int m = 1; m <= (a == 1 ? 2 : 1); m++) {
                    String vol = tGrid + "-v" + m;
                    town.addPerson(vol, name(random), Role.VOLUNTEER, tGrid, phone(random), Optional.of("夜间值班、关爱帮扶"));
                    dutyPool.add(vol);
                }
            }
            String stationId = "qingxi-" + slug;
            stationIds.add(stationId);
            town.addStation(stationId, village + "党群服务站", vGrid, List.of(
                    new StationConfig.Service("法律咨询、矛盾调解、村民议事", "每晚 19:00–21:30"),
                    new StationConfig.Service("代办服务", "工作日 8:30–17:00")), Optional.of(location(v)));
            int count = 2 + random.nextInt(2);
            List<String> scheduled = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                scheduled.add(dutyPool.get((v + i) % dutyPool.size()));
            }
            town.addShift(stationId + "-" + today + "-night", stationId, "夜间值班", today, LocalTime.of(19, 0),
                    LocalTime.of(21, 30), 2, scheduled);
        }
        return List.copyOf(stationIds);
    }

    private static String name(Random r) {
        return SURNAMES.charAt(r.nextInt(SURNAMES.length())) + GIVEN[r.nextInt(GIVEN.length)];
    }

    private static Optional<String> phone(Random r) {
        return Optional.of("139" + String.format("%08d", r.nextInt(100_000_000)));
    }
}
